// Start-up time of the entry points (the API, each CLI command): measured, most of a CLI command
// and half of the API's start went into loading modules rather than running them. Entry points
// call this before they `import()` the rest: modules already loaded are not affected.
import { enableCompileCache, registerHooks } from 'node:module';

const DRIZZLE_FOLDER = '/node_modules/drizzle-orm/';

let done = false;

export function speedUpModuleLoading(): void {
  if (done) return;
  done = true;
  // V8 keeps the compiled code of each module (keyed by its content, so an edit is never served
  // stale) in the system's temporary folder: the next start skips compiling, 0.5–1 s for the API.
  // A folder it cannot write only means no cache. The cache also holds each TypeScript file with
  // its types stripped; the entry file was stripped before this line ran, which loads Node's
  // stripper for good (about 12 MB), so `npm start` and the image name the folder in
  // NODE_COMPILE_CACHE, which Node reads before loading anything (README, Memory).
  enableCompileCache();
  // To learn whether a `.js` file is ESM, Node 24 reads the nearest package.json and parses its
  // `exports` again for each file. drizzle-orm's package.json is 180 KB with 447 exports, and a
  // few hundred of its files load: 0.5–1 s parsing the same JSON. drizzle-orm declares "type":
  // "module" and has no nested package.json, so a relative `.js` import inside it is ESM.
  registerHooks({
    resolve(specifier, context, nextResolve) {
      if (
        context.parentURL?.startsWith('file:') &&
        context.parentURL.includes(DRIZZLE_FOLDER) &&
        (specifier.startsWith('./') || specifier.startsWith('../')) &&
        specifier.endsWith('.js')
      ) {
        return { url: new URL(specifier, context.parentURL).href, format: 'module', shortCircuit: true };
      }
      return nextResolve(specifier, context);
    },
  });
}
