"""The emulator over real HTTP: pagination, auth, authorize/revoke, changes, faults, log, CLI."""
import json
import os
import subprocess
import sys
import time
import concurrent.futures

import pytest
import requests

from emulator import Emulator

TESTS_DIR = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def auth(token):
    return {"Authorization": "Bearer " + token}


def get(emu, route, token, **params):
    return requests.get(emu.api + route, headers=auth(token), params=params, timeout=10)


def post(emu, route, token, body=None):
    return requests.post(emu.api + route, headers=auth(token), json=body, timeout=10)


def team_a_gateway(emu, code="edge-lon-01"):
    return next(g for g in emu.gateways if g["code"] == code)


# pagination ------------------------------------------------------------------------
def test_list_pagination_meta_and_links(emu):
    first = get(emu, "/gateways", emu.jwt(), per_page=4).json()
    assert first["meta"] == {"current_page": 1, "from": 1, "last_page": 2, "path": emu.api + "/gateways",
                             "per_page": 4, "to": 4, "total": 6}
    assert first["links"]["prev"] is None
    assert first["links"]["next"] == emu.api + "/gateways?per_page=4&page=2"
    second = requests.get(first["links"]["next"], headers=auth(emu.jwt()), timeout=10).json()
    assert second["meta"]["from"] == 5 and second["meta"]["to"] == 6 and second["links"]["next"] is None
    codes = [g["code"] for g in first["data"] + second["data"]]
    assert codes[:2] == ["edge-lon-01", "edge-nyc-01"] and len(set(codes)) == 6
    assert all(g["type"] == "gateway" and g["created_at"].endswith("Z") for g in first["data"])


def test_page_past_end_default_per_page_and_invalid(emu):
    body = get(emu, "/gateways", emu.sanctum_token, page=9).json()
    assert body["data"] == [] and body["meta"]["from"] is None and body["meta"]["per_page"] == 15
    assert get(emu, "/gateways", emu.jwt(), per_page=101).status_code == 422
    bad = get(emu, "/gateways", emu.jwt(), per_page="x")
    assert bad.status_code == 422 and "per_page" in bad.json()["errors"]


def test_filters_are_carried_in_links_and_applied(emu):
    gateway = team_a_gateway(emu)
    body = get(emu, "/endpoints", emu.jwt(), gateway_id=gateway["id"], per_page=1).json()
    assert body["meta"]["total"] == 4
    assert "gateway_id=" + gateway["id"] in body["links"]["next"]
    service = body["data"][0]["service_id"]
    assert get(emu, "/backends", emu.jwt(), service_id=service).json()["meta"]["total"] == 1


def test_team_scoping_and_singles(emu):
    a_total = get(emu, "/gateways", emu.jwt()).json()["meta"]["total"]
    b = get(emu, "/gateways", emu.other_sanctum_token).json()
    assert a_total == 6 and b["meta"]["total"] == 2
    b_id = b["data"][0]["id"]
    assert get(emu, "/gateways/" + b_id, emu.jwt()).status_code == 404
    assert get(emu, "/gateways/" + b_id, emu.jwt(team="B")).json()["data"]["id"] == b_id
    assert get(emu, "/gateways/lab-01", emu.jwt()).json()["data"]["enabled"] is False
    service = emu.services[0]
    assert get(emu, "/services/" + service["id"], emu.jwt()).json() == {"data": service}
    assert get(emu, "/services/nope", emu.jwt()).json() == {"message": "Not found."}


def test_total_offset_lies(emu):
    emu.total_offset = 3
    assert get(emu, "/gateways", emu.jwt()).json()["meta"]["total"] == 9


def test_bulk_seed_paginates():
    with Emulator(seed={"gateways": 10000, "changes_per_gateway": 1}) as big:
        page = get(big, "/gateways", big.jwt(), per_page=100, page=100).json()
        assert page["meta"]["total"] == 10000 and page["data"][-1]["code"] == "gw-10000"
        assert page["data"][-1]["enabled"] is False
        assert get(big, "/services", big.jwt(), per_page=1).json()["meta"]["total"] == 20000


def test_parallel_requests_with_latency():
    with Emulator(seed={"gateways": 2000}, latency=0.05) as emu:
        token = emu.jwt()
        with concurrent.futures.ThreadPoolExecutor(4) as pool:
            pages = list(pool.map(lambda n: get(emu, "/gateways", token, per_page=100, page=n), range(1, 21)))
        assert all(r.status_code == 200 for r in pages)
        assert _most_in_flight(emu.log) > 1  # served in parallel, not one after another


def _most_in_flight(log):
    """The largest number of logged requests whose [start, start + duration] overlap."""
    events = sorted([(e["time"], 1) for e in log] + [(e["time"] + e["duration"], -1) for e in log])
    most = current = 0
    for _moment, step in events:
        current += step
        most = max(most, current)
    return most


# auth ------------------------------------------------------------------------------
@pytest.mark.parametrize("make, message", [
    (lambda e: e.jwt(exp=int(time.time()) - 10), "Token has expired."),
    (lambda e: e.jwt(kid="unknown"), "Unauthenticated."),
    (lambda e: e.jwt(sub=""), "Unauthenticated."),
    (lambda e: e.forge_jwt(alg="none"), "Unauthenticated."),
    (lambda e: e.forge_jwt(alg="HS256"), "Unauthenticated."),
    (lambda e: "1|notthetoken", "Unauthenticated."),
    (lambda e: "mt_" + "a" * 40, "Unauthenticated."),
    (lambda e: "garbage", "Unauthenticated."),
])
def test_bad_tokens_are_401(emu, make, message):
    response = get(emu, "/gateways", make(emu))
    assert response.status_code == 401 and response.json() == {"message": message}
    assert emu.requests()[-1]["auth"] == "invalid"


def test_missing_token_and_jwks(emu):
    assert requests.get(emu.api + "/gateways", timeout=10).status_code == 401
    jwks = requests.get(emu.api + "/.well-known/jwks.json", timeout=10)
    assert jwks.status_code == 200 and "max-age=3600" in jwks.headers["Cache-Control"]
    key = jwks.json()["keys"][0]
    assert key["kty"] == "RSA" and key["alg"] == "RS256" and key["use"] == "sig"
    assert [e["auth"] for e in emu.requests()] == ["none", "none"]


def test_audience_is_not_checked_and_rotation(emu):
    old = emu.jwt(aud="something-else")
    assert get(emu, "/gateways", old).status_code == 200
    old_kid = emu.keyring.kid
    new_kid = emu.rotate_key()
    assert new_kid != old_kid
    assert get(emu, "/gateways", old).status_code == 401
    assert get(emu, "/gateways", emu.jwt()).status_code == 200
    kids = [k["kid"] for k in requests.get(emu.api + "/.well-known/jwks.json", timeout=10).json()["keys"]]
    assert kids == [new_kid]


def test_jwt_verifies_with_pyjwt_against_jwks(emu):
    import jwt as pyjwt
    token = emu.jwt()
    header = pyjwt.get_unverified_header(token)
    assert header == {"alg": "RS256", "kid": emu.keyring.kid, "typ": "JWT"}
    client = pyjwt.PyJWKClient(emu.api + "/.well-known/jwks.json")
    claims = pyjwt.decode(token, client.get_signing_key_from_jwt(token).key, algorithms=["RS256"],
                          audience="runbeam-cli")
    assert claims["iss"] == emu.origin and claims["sub"] == "user-1" and claims["team"]["name"] == "Acme"


# authorize / revoke ------------------------------------------------------------------------
def test_authorize_creates_gateway_and_token_works(emu):
    token = emu.jwt()
    response = post(emu, "/harmony/authorize", token,
                    {"token": token, "gateway_code": "New-GW", "metadata": ["a"], "machine_public_key": "k"})
    assert response.status_code == 201
    body = response.json()
    assert body["machine_token"].startswith("mt_") and len(body["machine_token"]) == 43
    assert body["expires_in"] == 2592000 and body["expires_at"].endswith("Z") and "." in body["expires_at"]
    assert body["gateway"]["code"] == "New-GW" and body["gateway"]["name"] == "new-gw"
    assert body["gateway"]["authorized_by"] == {"id": "user-1", "name": "Ada Admin", "email": "ada@acme.example"}
    assert body["abilities"] == ["harmony:send", "harmony:receive"]
    gateway = get(emu, "/gateways/New-GW", body["machine_token"]).json()["data"]
    assert "machine_public_key" not in gateway and "metadata" not in gateway
    assert emu.store.gateway_extras[gateway["id"]]["metadata"] == ["a"]
    second = post(emu, "/harmony/authorize", token, {"token": token, "gateway_code": "New-GW"}).json()
    assert second["machine_token"] != body["machine_token"]
    assert get(emu, "/gateway/changes", body["machine_token"]).status_code == 200


@pytest.mark.parametrize("body, field", [
    ({"gateway_code": ""}, "gateway_code"),
    ({}, "gateway_code"),
    ({"gateway_code": "x" * 256}, "gateway_code"),
    ({"gateway_code": "ok", "metadata": "nope"}, "metadata"),
    ({"gateway_code": "ok", "metadata": [1]}, "metadata.0"),
])
def test_authorize_validation(emu, body, field):
    token = emu.sanctum_token
    response = post(emu, "/harmony/authorize", token, dict(body, token=token))
    assert response.status_code == 422 and field in response.json()["errors"]
    if body.get("gateway_code") == "":
        assert response.json()["message"] == "The gateway code field is required."


def test_authorize_refusals(emu):
    token = emu.jwt()
    assert post(emu, "/harmony/authorize", token, {"token": "other", "gateway_code": "x"}).status_code == 422
    other = post(emu, "/harmony/authorize", token, {"token": token, "gateway_code": "globex-edge-01"})
    assert other.status_code == 403 and other.json() == {"message": "This gateway belongs to another team."}
    machine = emu.issue_machine_token("edge-lon-01")["machine_token"]
    assert post(emu, "/harmony/authorize", machine, {"token": machine, "gateway_code": "edge-lon-01"}).status_code == 403
    bad = requests.post(emu.api + "/harmony/authorize", headers=auth(token), data="not json", timeout=10)
    assert bad.status_code in (400, 422) and "message" in bad.json()


def test_revoke(emu):
    first = emu.issue_machine_token("edge-lon-01")
    second = emu.issue_machine_token("edge-lon-01")
    assert set(first) == {"machine_token", "expires_at", "gateway_id", "gateway_code", "abilities", "issued_at"}
    token = emu.sanctum_token
    response = post(emu, "/harmony/revoke", token, {"token": token, "gateway_code": "edge-lon-01"})
    body = response.json()  # machine tokens survive reset(), so earlier tests' tokens count too
    assert body["message"] == "Machine tokens revoked." and body["revoked"] >= 2
    assert post(emu, "/harmony/revoke", token, {"token": token, "gateway_code": "edge-lon-01"}).json()["revoked"] == 0
    for payload in (first, second):
        assert get(emu, "/gateway/changes", payload["machine_token"]).status_code == 401
    assert post(emu, "/harmony/revoke", token, {"token": token, "gateway_code": "nope"}).status_code == 404
    assert post(emu, "/harmony/revoke", token, {"token": token, "gateway_code": "globex-core-01"}).status_code == 403


# changes ---------------------------------------------------------------------------------
def test_changes_queue_and_scoping(emu):
    machine = emu.issue_machine_token("edge-lon-01")["machine_token"]
    queue = get(emu, "/gateway/changes", machine).json()
    assert queue["meta"]["total"] == 3 and {c["status"] for c in queue["data"]} == {"pending"}
    change = queue["data"][0]
    assert set(change) >= {"id", "type", "gateway_id", "status", "operation", "resourceType",
                           "resource_id", "payload", "error", "created_at", "updated_at"}
    everything = get(emu, "/gateway/changes", machine, status="pending,acknowledged,applied").json()
    assert everything["meta"]["total"] == 5
    repeated = requests.get(emu.api + "/gateway/changes", headers=auth(machine), timeout=10,
                            params=[("status[]", "applied"), ("status[]", "acknowledged")]).json()
    assert repeated["meta"]["total"] == 2
    assert get(emu, "/gateway/changes", machine, status="bogus").status_code == 422
    user = get(emu, "/gateway/changes", emu.jwt())
    assert user.status_code == 403 and user.json() == {"message": "This action requires a gateway machine token."}
    other = emu.issue_machine_token("edge-nyc-01")["machine_token"]
    assert get(emu, "/gateway/changes/" + change["id"], other).status_code == 404
    assert get(emu, "/gateway/changes/" + change["id"], machine).json()["data"]["id"] == change["id"]


def test_change_transitions(emu):
    machine = emu.issue_machine_token("edge-lon-01")["machine_token"]
    ids = [c["id"] for c in get(emu, "/gateway/changes", machine).json()["data"]]
    early = post(emu, "/gateway/changes/%s/applied" % ids[0], machine)
    assert early.status_code == 422 and "is pending and cannot be marked applied" in early.json()["message"]
    ack = post(emu, "/gateway/changes/acknowledge", machine, {"change_ids": ids})
    assert ack.json() == {"message": "Changes acknowledged.", "acknowledged": ids}
    assert post(emu, "/gateway/changes/acknowledge", machine, {"change_ids": ids}).status_code == 200
    applied = post(emu, "/gateway/changes/%s/applied" % ids[0], machine).json()
    assert applied["message"] == "Change marked applied." and applied["data"]["status"] == "applied"
    assert post(emu, "/gateway/changes/%s/failed" % ids[1], machine, {}).status_code == 422
    failed = post(emu, "/gateway/changes/%s/failed" % ids[1], machine, {"error": "boom", "details": ["l1"]})
    assert failed.json()["data"]["status"] == "failed" and failed.json()["data"]["error"] == "boom"
    assert emu.store.change_details[ids[1]] == ["l1"]
    again = post(emu, "/gateway/changes/acknowledge", machine, {"change_ids": [ids[2], ids[0]]})
    assert again.status_code == 422 and "change_ids.1" in again.json()["errors"]
    assert emu.changes[[c["id"] for c in emu.changes].index(ids[2])]["status"] == "acknowledged"
    foreign = [c["id"] for c in emu.changes if c["gateway_id"] != team_a_gateway(emu)["id"]][0]
    wrong = post(emu, "/gateway/changes/acknowledge", machine, {"change_ids": [foreign]})
    assert wrong.status_code == 422 and "change_ids.0" in wrong.json()["errors"]


def test_add_change_and_base_url(emu):
    gateway = team_a_gateway(emu, "core-fra-01")
    change = emu.add_change(gateway["id"], payload={"x": 1})
    machine = emu.issue_machine_token("core-fra-01")["machine_token"]
    assert [c["id"] for c in get(emu, "/gateway/changes", machine).json()["data"]] == [change["id"]]
    assert get(emu, "/gateway/base-url", emu.jwt()).json() == {"base_url": emu.api}


# faults ----------------------------------------------------------------------------------
def test_fault_status_with_retry_after_and_query_match(emu):
    emu.inject(status=429, retry_after=2, path="/api/gateways", query={"page": "2"})
    assert get(emu, "/gateways", emu.jwt()).status_code == 200
    limited = get(emu, "/gateways", emu.jwt(), page=2)
    assert limited.status_code == 429 and limited.headers["Retry-After"] == "2"
    assert limited.headers["X-RateLimit-Remaining"] == "0" and "message" in limited.json()
    assert get(emu, "/gateways", emu.jwt(), page=2).status_code == 200
    assert [e["status"] for e in emu.requests(path="/api/gateways")] == [200, 429, 200]


def test_fault_reset_slow_nonjson_and_count_none(emu):
    emu.inject(kind="reset", path="/api/gate*")
    with pytest.raises(requests.ConnectionError):
        get(emu, "/gateways", emu.jwt())
    assert emu.requests()[-1]["status"] == 0
    emu.inject(kind="slow", delay=0.3)
    started = time.time()
    assert get(emu, "/gateways", emu.jwt()).status_code == 200 and time.time() - started >= 0.3
    emu.inject(kind="nonjson", method="GET")
    html = get(emu, "/gateways", emu.jwt())
    assert html.status_code == 200 and html.headers["Content-Type"].startswith("text/html")
    emu.inject(status=503, count=None, method="POST")
    for _round in range(3):
        assert post(emu, "/harmony/revoke", emu.jwt(), {}).status_code == 503
    emu.clear_faults()
    assert post(emu, "/harmony/revoke", emu.jwt(), {}).status_code == 422


def test_admin_api(emu):
    admin = emu.origin + "/_emulator"
    assert requests.post(admin + "/faults", json={"status": 502, "path": "/api/gateways"}, timeout=10).status_code == 201
    assert get(emu, "/gateways", emu.jwt()).status_code == 502
    requests.post(admin + "/latency", json={"latency": 0.01}, timeout=10)
    assert emu.latency == 0.01
    info = requests.get(admin + "/info", timeout=10).json()
    assert get(emu, "/gateways", info["jwt"]).status_code == 200
    log = requests.get(admin + "/log", timeout=10).json()["data"]
    assert [e["path"] for e in log] == ["/api/gateways", "/api/gateways"]
    requests.delete(admin + "/log", timeout=10)
    assert emu.log == []
    requests.post(admin + "/seed", json={"gateways": 30}, timeout=10)
    assert get(emu, "/gateways", emu.jwt()).json()["meta"]["total"] == 30
    requests.post(admin + "/seed", json={"seed": "default"}, timeout=10)
    assert requests.post(admin + "/reset", timeout=10).status_code == 200
    assert get(emu, "/gateways", emu.jwt()).json()["meta"]["total"] == 6


def test_log_never_holds_tokens(emu):
    jwt_token, machine = emu.jwt(), emu.issue_machine_token("edge-lon-01")["machine_token"]
    post(emu, "/harmony/authorize", jwt_token, {"token": jwt_token, "gateway_code": "edge-lon-01"})
    get(emu, "/gateway/changes", machine)
    get(emu, "/gateways", emu.sanctum_token)
    dumped = json.dumps(emu.log)
    for secret in (jwt_token, machine, emu.sanctum_token, emu.sanctum_token.split("|")[1]):
        assert secret not in dumped
    assert [e["auth"] for e in emu.log] == ["jwt", "machine", "sanctum"]


def test_unknown_route_and_wrong_method(emu):
    missing = get(emu, "/nope", emu.jwt())
    assert missing.status_code == 404 and missing.headers["Content-Type"] == "application/json"
    wrong = requests.delete(emu.api + "/gateways", headers=auth(emu.jwt()), timeout=10)
    assert wrong.status_code == 405 and "message" in wrong.json()


def test_keep_alive_session(emu):
    with requests.Session() as session:
        session.headers.update(auth(emu.jwt()))
        for _try in range(5):
            assert session.get(emu.api + "/gateways", timeout=10).status_code == 200


# TLS and CLI -------------------------------------------------------------------------------
def test_https_with_generated_ca():
    with Emulator(tls=True) as emu:
        assert emu.origin.startswith("https://127.0.0.1:") and os.path.exists(emu.ca_path)
        response = requests.get(emu.api + "/gateways", headers=auth(emu.jwt()), verify=emu.ca_path, timeout=10)
        assert response.status_code == 200
        localhost = emu.api.replace("127.0.0.1", "localhost") + "/gateways"
        assert requests.get(localhost, headers=auth(emu.jwt()), verify=emu.ca_path, timeout=10).ok
        with pytest.raises(requests.exceptions.SSLError):
            requests.get(emu.api + "/gateways", verify=True, timeout=10)
        ca_dir = os.path.dirname(emu.ca_path)
    assert not os.path.exists(ca_dir)


def test_cli_serve_wait_stop(tmp_path):
    state = tmp_path / "state" / "emu.json"
    env = dict(os.environ, PYTHONPATH=TESTS_DIR)
    cmd = [sys.executable, "-m", "emulator"]
    proc = subprocess.Popen(cmd + ["serve", "--gateways", "25", "--state-file", str(state)], env=env,
                            stdout=subprocess.DEVNULL)
    try:
        subprocess.run(cmd + ["wait", "--state-file", str(state), "--timeout", "20"], env=env, check=True)
        assert oct(state.stat().st_mode & 0o777) == "0o600"
        info = json.loads(state.read_text())
        assert info["pid"] == proc.pid
        listed = requests.get(info["api"] + "/gateways", headers=auth(info["jwt"]), timeout=10).json()
        assert listed["meta"]["total"] == 25
        subprocess.run(cmd + ["stop", "--state-file", str(state)], env=env, check=True, timeout=20)
        assert proc.wait(10) == 0 and not state.exists()
    finally:
        if proc.poll() is None:
            proc.kill()


def test_cli_refuses_non_loopback(tmp_path):
    env = dict(os.environ, PYTHONPATH=TESTS_DIR)
    result = subprocess.run([sys.executable, "-m", "emulator", "serve", "--host", "0.0.0.0",
                             "--state-file", str(tmp_path / "s.json")], env=env, capture_output=True, text=True, check=False)
    assert result.returncode != 0 and "loopback" in result.stderr


# refinements -------------------------------------------------------------------------------
def test_changes_under_a_moved_base_url_and_shared_tokens(emu):
    machine = emu.issue_machine_token("edge-lon-01")["machine_token"]
    emu.base_url = emu.origin + "/changes-api"
    try:
        assert get(emu, "/gateway/base-url", emu.jwt()).json() == {"base_url": emu.origin + "/changes-api"}
        moved = requests.get(emu.base_url + "/gateway/changes", headers=auth(machine), timeout=10)
        assert moved.status_code == 200 and moved.json()["meta"]["total"] == 3
        assert moved.json()["links"]["first"].startswith(emu.base_url + "/gateway/changes?")
    finally:
        emu.base_url = emu.api
    with Emulator(tls=True) as other:
        other.share_tokens(emu)
        answer = requests.get(other.api + "/gateway/changes", headers=auth(machine), verify=other.ca_path, timeout=10)
        assert answer.status_code == 200 and answer.json()["meta"]["total"] == 3


def test_team_claim_override_and_team_b_jwt(emu):
    b_only = emu.jwt(team={"id": emu.team_b["id"], "name": "Globex"})
    assert get(emu, "/gateways", b_only).json()["meta"]["total"] == 2
    assert get(emu, "/gateways", emu.jwt(team="B")).json()["meta"]["total"] == 2
    assert get(emu, "/gateways", emu.jwt(team=None)).json()["meta"]["total"] == 6  # falls back to the user's team


def test_stop_closes_keep_alive_connections():
    emu = Emulator(seed="empty").start()
    session = requests.Session()
    assert session.get(emu.api + "/gateways", headers=auth(emu.jwt()), timeout=5).json()["data"] == []
    emu.stop()
    with pytest.raises(requests.ConnectionError):
        session.get(emu.api + "/gateways", headers=auth(emu.jwt()), timeout=5)


def test_options_and_bad_content_length(emu):
    assert requests.options(emu.api + "/gateways", timeout=10).status_code == 405
    import socket
    host, port = emu.origin.rsplit("/", 1)[1].split(":")
    with socket.create_connection((host, int(port)), timeout=5) as raw:
        raw.sendall(b"POST /api/harmony/authorize HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n")
        assert raw.recv(1024).startswith(b"HTTP/1.1 400")
