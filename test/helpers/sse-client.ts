// Reads a Server-Sent Events response frame by frame, as a browser's EventSource would.
export interface SseFrame {
  event: string;
  data: any;
}

export function sseReader(response: Response) {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const comments: string[] = [];
  return {
    comments,
    async next(): Promise<SseFrame | null> {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (block.startsWith(':')) {
            comments.push(block);
            continue;
          }
          const event = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
          const data = /^data: (.*)$/m.exec(block)?.[1];
          return { event, data: data ? JSON.parse(data) : null };
        }
        const { value, done } = await reader.read();
        if (done) return null;
        buffer += decoder.decode(value, { stream: true });
      }
    },
    async rest(): Promise<SseFrame[]> {
      const frames: SseFrame[] = [];
      for (let frame = await this.next(); frame; frame = await this.next()) frames.push(frame);
      return frames;
    },
    cancel: () => reader.cancel(),
  };
}
