"""Runs one Jupyter kernel inside the sandbox and speaks JSON lines with the server over stdio.

In: {"execute": code, "timeout": seconds, "max_output": characters, "max_images": n, "max_image_bytes": n}
    {"interrupt": true}
Out: {"ready": true}, then one result per execution:
    {"logs": text, "images": [base64 PNG], "files": [{"name": ..., "size": ...}], "timed_out": bool,
     "restarted": bool}
Everything the kernel prints goes through the kernel's messages, never this process's stdout.
"""
import base64
import json
import os
import queue
import re
import resource
import subprocess
import sys
import threading
import time

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
DATA = "/mnt/data"

protocol = os.fdopen(os.dup(1), "w", buffering=1)
os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
limits = json.loads(sys.argv[1])


def limit(which, value):
    if value and value > 0:
        resource.setrlimit(which, (value, value))


limit(resource.RLIMIT_AS, limits.get("memory"))
limit(resource.RLIMIT_CPU, limits.get("cpu_seconds"))
limit(resource.RLIMIT_NPROC, limits.get("processes"))
limit(resource.RLIMIT_FSIZE, limits.get("file_size"))
resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

from jupyter_client import KernelManager  # noqa: E402 (after the limits, which it inherits)


def send(message):
    protocol.write(json.dumps(message) + "\n")


def start():
    manager = KernelManager(transport="ipc", ip="/tmp/kernel")
    manager.start_kernel(extra_arguments=["--HistoryManager.enabled=False"], cwd=DATA,
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    client = manager.client()
    client.start_channels()
    client.wait_for_ready(timeout=60)
    return manager, client


def files():
    found = {}
    try:
        for entry in os.scandir(DATA):
            if entry.is_file(follow_symlinks=False):
                stat = entry.stat(follow_symlinks=False)
                found[entry.name] = (stat.st_mtime_ns, stat.st_size)
    except OSError:
        pass
    return found


manager, client = start()
requests = queue.Queue()


def read_requests():
    for line in sys.stdin:
        request = json.loads(line)
        if request.get("interrupt"):
            manager.interrupt_kernel()
        else:
            requests.put(request)
    os._exit(0)


threading.Thread(target=read_requests, daemon=True).start()
send({"ready": True})


def restart(old_client):
    manager.restart_kernel(now=True)
    old_client.stop_channels()
    new_client = manager.client()
    new_client.start_channels()
    new_client.wait_for_ready(timeout=60)
    return new_client


def execute(request):
    global client
    before = files()
    logs = []
    length = 0
    dropped = 0
    images = []
    timed_out = False
    restarted = False

    def log(text):
        nonlocal length, dropped
        room = request["max_output"] - length
        if room > 0:
            logs.append(text[:room])
            length += min(room, len(text))
        dropped += max(0, len(text) - max(room, 0))

    msg_id = client.execute(request["execute"], allow_stdin=False)
    deadline = time.monotonic() + request["timeout"]
    interrupted_at = None
    while True:
        now = time.monotonic()
        if interrupted_at is None and now > deadline:
            timed_out = True
            manager.interrupt_kernel()
            interrupted_at = now
        if (interrupted_at is not None and now > interrupted_at + 5) or not manager.is_alive():
            # the interrupt did not stop the code, or the kernel died (out of memory, exited)
            client = restart(client)
            restarted = True
            break
        try:
            message = client.get_iopub_msg(timeout=0.5)
        except queue.Empty:
            continue
        if message["parent_header"].get("msg_id") != msg_id:
            continue
        kind = message["msg_type"]
        content = message["content"]
        if kind == "stream":
            log(content["text"])
        elif kind in ("execute_result", "display_data"):
            data = content.get("data", {})
            if "image/png" in data:
                png = data["image/png"]
                if len(images) < request["max_images"] and len(png) * 3 // 4 <= request["max_image_bytes"]:
                    images.append(png)
                else:
                    log("[an image was left out: too many or too large]\n")
            elif "text/plain" in data:
                log(data["text/plain"] + "\n")
        elif kind == "error":
            log(ANSI.sub("", "\n".join(content.get("traceback", []))) + "\n")
        elif kind == "status" and content["execution_state"] == "idle":
            break
    if not restarted:
        # the reply on the shell channel, so that it is not taken for the next execution's
        try:
            while client.get_shell_msg(timeout=5)["parent_header"].get("msg_id") != msg_id:
                pass
        except queue.Empty:
            pass
    if dropped:
        logs.append("\n[output truncated: %d more characters]\n" % dropped)
    after = files()
    changed = [{"name": name, "size": size} for name, (mtime, size) in after.items() if before.get(name) != (mtime, size)]
    send({"logs": "".join(logs), "images": images, "files": changed, "timed_out": timed_out, "restarted": restarted})


while True:
    execute(requests.get())
