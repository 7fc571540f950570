import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { safeFilename } from './upload.ts';

describe('safeFilename', () => {
  test('keeps a plain name', () => {
    assert.equal(safeFilename('Zoë CV.pdf', 'pdf'), 'Zoë CV.pdf');
    assert.equal(safeFilename('cv.DOCX', 'docx'), 'cv.DOCX');
  });
  test('keeps the name as uploaded, whatever the content is', () => {
    assert.equal(safeFilename('cv.exe', 'pdf'), 'cv.exe');
    assert.equal(safeFilename('resume.bin', 'pdf'), 'resume.bin');
    assert.equal(safeFilename('resume', 'txt'), 'resume');
    assert.equal(safeFilename('', 'txt'), 'resume.txt');
  });
  test('drops directories, quotes and control characters', () => {
    assert.equal(safeFilename('../../etc/passwd', 'txt'), 'passwd');
    assert.equal(safeFilename('C:\\Users\\zoe\\cv.pdf', 'pdf'), 'cv.pdf');
    assert.equal(safeFilename('a"b\r\nc.pdf', 'pdf'), 'abc.pdf');
  });
  test('names a nameless file', () => {
    for (const name of [undefined, '', '..', '/', '"'])
      assert.equal(safeFilename(name, 'docx'), 'resume.docx');
  });
  test('fits 255 characters and keeps the extension', () => {
    for (const extension of ['.pdf', '.docx']) {
      const name = safeFilename(`${'x'.repeat(300)}${extension}`, 'pdf');
      assert.equal(name.length, 255);
      assert.ok(name.endsWith(`…${extension}`), name.slice(-10));
    }
  });
});
