"""Concurrent load against the example server while its demo issuer rotates keys (used by Benchmarks/tsan/run).

Each worker keeps one HTTP/1.1 connection, mints a fresh token every few requests (so new `kid`s keep arriving and
force JWKS refetches), and mixes valid, tampered and malformed tokens over the three secured routes.
Usage: load.py PORT SECONDS WORKERS
"""
import collections
import http.client
import json
import sys
import threading
import time

port, seconds, workers = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
deadline = time.monotonic() + seconds
statuses = collections.Counter()
kids = set()
lock = threading.Lock()


def mint(connection):
    body = json.dumps({"scope": "read", "myClaim": "someRequiredValue"})
    connection.request("POST", "/demo/token", body, {"Content-Type": "application/json"})
    response = connection.getresponse()
    data = response.read()
    if response.status != 200:
        return None
    token = json.loads(data)["access_token"]
    header = token.split(".")[0]
    with lock:
        kids.add(header)
    return token


def worker(index):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    token, count = None, 0
    routes = ["/secured/token", "/secured/scope", "/secured/claim"]
    while time.monotonic() < deadline:
        try:
            if token is None or count % 20 == 0:
                token = mint(connection) or token
            variant = count % 10
            if variant == 7:
                sent = token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB")  # bad signature
            elif variant == 8:
                sent = "not-a-jwt"
            else:
                sent = token
            connection.request("GET", routes[count % 3], headers={"Authorization": f"Bearer {sent}"})
            response = connection.getresponse()
            response.read()
            with lock:
                statuses[response.status] += 1
            count += 1
        except (OSError, http.client.HTTPException) as error:
            with lock:
                statuses[f"error {type(error).__name__}"] += 1
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)


threads = [threading.Thread(target=worker, args=(index,)) for index in range(workers)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
total = sum(value for key, value in statuses.items() if isinstance(key, int))
print(json.dumps({"requests": total, "statuses": {str(k): v for k, v in sorted(statuses.items(), key=str)},
                  "signing_keys_seen": len(kids)}))
