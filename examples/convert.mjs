// Convert a video with fetch + FormData, as a browser page would (runs as is in Node 18+).
// usage: VIDSTUDIO_URL=http://localhost:5000 node convert.mjs video.mp4   (a server that requires keys: VIDSTUDIO_API_KEY=KEY too)
import { readFile, writeFile } from "node:fs/promises";
import { basename } from "node:path";

const baseUrl = (process.env.VIDSTUDIO_URL ?? "http://localhost:5000") + "/api/v1";
const path = process.argv[2];
const headers = process.env.VIDSTUDIO_API_KEY ? { "X-API-Key": process.env.VIDSTUDIO_API_KEY } : {};

const form = new FormData();
form.append("file", new Blob([await readFile(path)], { type: "video/mp4" }), basename(path));
form.append("width", "100");
form.append("style", "normal");
form.append("save_mp4", "true");

const queued = await fetch(`${baseUrl}/convert/video`, { method: "POST", body: form, headers });
if (!queued.ok) throw new Error(`upload failed: ${queued.status} ${await queued.text()}`);
const { job_id: jobId } = await queued.json();
console.log(`job ${jobId} queued`);

for (;;) {
  const status = await (await fetch(`${baseUrl}/status/${jobId}`, { headers })).json();
  console.log(`progress: ${Math.round(status.progress * 100)}% (${status.status})`);
  if (status.status === "completed") break;
  if (status.status === "failed" || status.status === "cancelled") throw new Error(status.error);
  await new Promise((resolve) => setTimeout(resolve, 1000));
}

const video = await fetch(`${baseUrl}/download/${jobId}/video`, { headers });
const bytes = Buffer.from(await video.arrayBuffer());
await writeFile(`ascii_${jobId}.mp4`, bytes);
console.log(`saved ascii_${jobId}.mp4 (${bytes.length} bytes)`);
