"""Convert a video with Python requests: upload, poll status printing progress, download the MP4.

usage: VIDSTUDIO_URL=http://localhost:5000 python3 convert.py video.mp4
(a server that requires keys: also VIDSTUDIO_API_KEY=KEY)
"""
import os
import sys
import time

import requests

BASE_URL = os.environ.get("VIDSTUDIO_URL", "http://localhost:5000") + "/api/v1"
HEADERS = {"X-API-Key": os.environ["VIDSTUDIO_API_KEY"]} if os.environ.get("VIDSTUDIO_API_KEY") else {}

with open(sys.argv[1], "rb") as video:
    response = requests.post(
        f"{BASE_URL}/convert/video",
        files={"file": video},
        data={"width": 100, "style": "normal", "save_mp4": "true"},
        headers=HEADERS,
    )
response.raise_for_status()
job_id = response.json()["job_id"]
print(f"job {job_id} queued")

while True:
    status = requests.get(f"{BASE_URL}/status/{job_id}", headers=HEADERS).json()
    print(f"progress: {status['progress'] * 100:.0f}% ({status['status']})")
    if status["status"] == "completed":
        break
    if status["status"] in ("failed", "cancelled"):
        sys.exit(f"job {status['status']}: {status['error']}")
    time.sleep(1)

video = requests.get(f"{BASE_URL}/download/{job_id}/video", headers=HEADERS)
video.raise_for_status()
with open(f"ascii_{job_id}.mp4", "wb") as output:
    output.write(video.content)
print(f"saved ascii_{job_id}.mp4 ({len(video.content)} bytes)")
