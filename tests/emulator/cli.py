"""Command line: serve (foreground, writes a state file), wait, stop."""
import argparse
import json
import os
import signal
import ssl
import sys
import tempfile
import threading
import time
import urllib.request

from .core import Emulator, check_loopback

SEED_FLAGS = ("gateways", "services_per_gateway", "endpoints_per_service", "backends_per_service",
              "pipelines_per_gateway", "changes_per_gateway", "disabled_every")


def write_state(path, data):
    """Write JSON atomically with mode 0600 (it holds tokens)."""
    directory = os.path.dirname(os.path.abspath(path))
    os.makedirs(directory, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".emulator-state-", dir=directory)
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w") as handle:
            json.dump(data, handle, indent=2)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def _seed_from(args):
    chosen = {k: getattr(args, k) for k in SEED_FLAGS if getattr(args, k) is not None}
    if chosen:
        chosen.setdefault("gateways", 0)
        return chosen
    return args.seed


def serve(args):
    try:
        check_loopback(args.host)
    except ValueError as error:
        sys.exit("emulator: %s" % error)
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    emu = Emulator(tls=args.tls, latency=args.latency, seed=_seed_from(args), port=args.port, host=args.host)
    emu.start()
    try:
        state = dict(emu.info(), pid=os.getpid())
        write_state(args.state_file, state)
        print("Runbeam emulator listening on %s (state in %s)" % (emu.origin, args.state_file), flush=True)
        while not stop.wait(0.5):
            pass
    finally:
        emu.stop()
        try:
            os.unlink(args.state_file)
        except FileNotFoundError:
            pass
    return 0


def read_state(path):
    with open(path) as handle:
        return json.load(handle)


def _answers(state):
    context = ssl.create_default_context(cafile=state["ca_path"]) if state.get("ca_path") else None
    try:
        with urllib.request.urlopen(state["origin"] + "/_emulator/info", timeout=2, context=context) as resp:
            return resp.status == 200
    except OSError:
        return False


def wait(args):
    deadline = time.monotonic() + args.timeout
    while time.monotonic() < deadline:
        try:
            if _answers(read_state(args.state_file)):
                return 0
        except (OSError, ValueError, KeyError):
            pass
        time.sleep(0.1)
    sys.exit("emulator: not ready after %s s (state file %s)" % (args.timeout, args.state_file))


def _alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def stop(args):
    try:
        pid = int(read_state(args.state_file)["pid"])
    except (OSError, ValueError, KeyError):
        print("emulator: no running emulator recorded in %s" % args.state_file, file=sys.stderr)
        return 0
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return 0
    deadline = time.monotonic() + args.timeout
    while time.monotonic() < deadline:
        if not _alive(pid) or not os.path.exists(args.state_file):
            return 0
        time.sleep(0.05)
    sys.exit("emulator: pid %d did not exit within %s s" % (pid, args.timeout))


def parser():
    top = argparse.ArgumentParser(prog="python -m emulator", description="Local Runbeam Cloud emulator")
    sub = top.add_subparsers(dest="command", required=True)
    run = sub.add_parser("serve", help="serve in the foreground until SIGTERM/SIGINT")
    run.add_argument("--host", default="127.0.0.1")
    run.add_argument("--port", type=int, default=0)
    run.add_argument("--tls", action="store_true")
    run.add_argument("--seed", choices=("default", "empty"), default="default")
    for flag in SEED_FLAGS:
        run.add_argument("--" + flag.replace("_", "-"), dest=flag, type=int)
    run.add_argument("--latency", type=float, default=0.0)
    run.add_argument("--state-file", required=True)
    run.set_defaults(func=serve)
    for name, func, timeout in (("wait", wait, 20.0), ("stop", stop, 10.0)):
        cmd = sub.add_parser(name)
        cmd.add_argument("--state-file", required=True)
        cmd.add_argument("--timeout", type=float, default=timeout)
        cmd.set_defaults(func=func)
    return top


def main(argv=None):
    args = parser().parse_args(argv)
    return args.func(args)
