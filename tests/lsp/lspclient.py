"""A minimal Language Server Protocol client for tests and benchmarks.

Starts `tonelint lsp`, frames JSON-RPC messages with Content-Length headers
as editors do, and reads the server's messages on a background thread so
requests, responses and notifications can be waited for in any order.
Python standard library only.
"""
import json
import queue
import subprocess
import threading
import time


class LspClient:
    def __init__(self, argv, env=None):
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, env=env)
        self.inbox = queue.Queue()
        self.pending = []  # messages read but not yet claimed
        self.next_id = 1
        self.stderr_lines = []
        threading.Thread(target=self._read_loop, daemon=True).start()
        threading.Thread(target=self._stderr_loop, daemon=True).start()

    # -- wire ---------------------------------------------------------------
    def send_raw(self, data):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send(self, msg):
        body = json.dumps(msg, ensure_ascii=False).encode("utf-8")
        self.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def _read_loop(self):
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    self.inbox.put(None)
                    return
                line = line.rstrip(b"\r\n")
                if not line:
                    break
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value.strip())
            body = out.read(length)
            received = time.perf_counter()  # before parsing: the client's own cost
            msg = json.loads(body.decode("utf-8"))
            if isinstance(msg, dict):
                msg["_received"] = received
            self.inbox.put(msg)

    def _stderr_loop(self):
        for line in self.proc.stderr:
            self.stderr_lines.append(line.decode("utf-8", "replace").rstrip("\n"))

    # -- messages -----------------------------------------------------------
    def request(self, method, params=None):
        rid = self.next_id
        self.next_id += 1
        msg = {"jsonrpc": "2.0", "id": rid, "method": method}
        if params is not None:
            msg["params"] = params
        self.send(msg)
        return rid

    def notify(self, method, params=None):
        msg = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            msg["params"] = params
        self.send(msg)

    def wait_for(self, pred, timeout=10.0):
        """The first message (pending or new) for which pred is true."""
        for i, m in enumerate(self.pending):
            if pred(m):
                return self.pending.pop(i)
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("no matching message from the server")
            try:
                m = self.inbox.get(timeout=left)
            except queue.Empty:
                raise TimeoutError("no matching message from the server")
            if m is None:
                raise EOFError("the server closed its output")
            if pred(m):
                return m
            self.pending.append(m)

    def response(self, rid, timeout=10.0):
        return self.wait_for(lambda m: m.get("id") == rid and "method" not in m, timeout)

    def call(self, method, params=None, timeout=10.0):
        return self.response(self.request(method, params), timeout)

    def publication(self, uri, version=None, timeout=10.0):
        """The next publishDiagnostics message for uri (and version)."""
        def match(m):
            if m.get("method") != "textDocument/publishDiagnostics":
                return False
            p = m["params"]
            return p["uri"] == uri and (version is None or p.get("version") == version)
        return self.wait_for(match, timeout)

    def diagnostics(self, uri, version=None, timeout=10.0):
        return self.publication(uri, version, timeout)["params"]["diagnostics"]

    def drop_diagnostics(self):
        """Forget publishDiagnostics notifications already received."""
        while True:
            try:
                m = self.inbox.get_nowait()
            except queue.Empty:
                break
            if m is None:
                self.inbox.put(None)
                break
            self.pending.append(m)
        self.pending = [m for m in self.pending
                        if m.get("method") != "textDocument/publishDiagnostics"]

    def wait_exit(self, timeout=10.0):
        return self.proc.wait(timeout=timeout)

    def close(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
