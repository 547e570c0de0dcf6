// Work that changes what the page shows, run in a task of its own right after a frame is drawn.
//
// A change made in a frame's requestAnimationFrame callback is styled, laid out and painted in
// that same task, so the frame's task holds the change's script and the browser's rendering of it
// together. Run after the frame instead, the script has a task of its own between two frames and
// the next frame's task only draws: neither holds the main thread for both.

type Job = { run: () => void; done: boolean };

let channel: MessageChannel | undefined;
const queue: Job[] = [];

function post(job: Job): void {
  if (!channel) {
    channel = new MessageChannel();
    channel.port1.onmessage = () => {
      const job = queue.shift();
      if (job && !job.done) {
        job.done = true;
        job.run();
      }
    };
  }
  queue.push(job);
  channel.port2.postMessage(null);
}

/**
 * Calls `run` in a task of its own after the next frame is drawn (a frame callback then a posted
 * message). Returns a function that cancels it if it has not run yet.
 */
export function afterFrameTask(run: () => void): () => void {
  const job: Job = { run, done: false };
  const frame = requestAnimationFrame(() => {
    if (!job.done) post(job);
  });
  return () => {
    job.done = true;
    cancelAnimationFrame(frame);
  };
}

/** Calls `run` in a task of its own, as soon as the tasks already queued have run. */
export function soonTask(run: () => void): () => void {
  const job: Job = { run, done: false };
  post(job);
  return () => {
    job.done = true;
  };
}
