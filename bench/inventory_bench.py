"""Benchmark of the runbeam.cloud.gateways inventory plugin against Ansible's own cost.

Starts the Runbeam emulator in-process on 127.0.0.1 with --gateways gateways
and --latency seconds per request, then times `ansible-inventory --list`:

  cold    the plugin with the cache off (every page read from the emulator)
  warm    the plugin with a fresh jsonfile cache (no request at all)
  script  a script inventory printing the same --list JSON (_meta included):
          what Ansible itself costs for the same output

Runs are interleaved (cold, warm, script, cold, ...) so load from anything
else on the machine hits all three alike; medians are compared with the
targets cold <= 1.25 x script and warm <= 1.10 x script. Exits 1 when a
target is missed, 2 when a run fails.

Needs ansible-inventory on PATH and ANSIBLE_COLLECTIONS_PATH pointing at a
tree holding runbeam.cloud (make bench sets both).
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(REPO, 'tests'))

from emulator import Emulator  # noqa: E402  (needs tests/ on sys.path)

TARGETS = {'cold': 1.25, 'warm': 1.10}
RUN_TIMEOUT = 300.0  # seconds for one ansible-inventory run


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--gateways', type=int, default=10000)
    parser.add_argument('--page-size', type=int, default=100)
    parser.add_argument('--latency', type=float, default=0.02, help='seconds the emulator waits before each answer')
    parser.add_argument('--runs', type=int, default=5, help='timed runs of each kind (1 to 50)')
    parser.add_argument('--budget', type=float, default=900.0, help='stop starting runs after this many seconds')
    args = parser.parse_args(argv)
    args.runs = max(1, min(args.runs, 50))
    return args


def write_yaml(path, lines):
    with open(path, 'w') as handle:
        handle.write('\n'.join(lines) + '\n')
    return path


def plugin_config(workdir, name, emu, page_size, cache_dir=None):
    """A plugin configuration; the token comes from RUNBEAM_TOKEN so it is never written to disk."""
    lines = ['plugin: runbeam.cloud.gateways', 'url: %s' % emu.origin, 'page_size: %d' % page_size]
    if cache_dir:
        lines += ['cache: true', 'cache_plugin: ansible.builtin.jsonfile',
                  'cache_connection: %s' % cache_dir, 'cache_timeout: 3600']
    return write_yaml(os.path.join(workdir, name), lines)


def script_inventory(workdir, listing):
    """An executable printing listing (the plugin's --list JSON), the cheapest script Ansible can run."""
    data_path = os.path.join(workdir, 'listing.json')
    with open(data_path, 'w') as handle:
        handle.write(listing)
    script = os.path.join(workdir, 'script_inventory.sh')
    with open(script, 'w') as handle:
        handle.write('#!/bin/sh\n# prints the same inventory as the plugin\nexec cat %s\n' % data_path)
    os.chmod(script, 0o755)
    return script


def run_env(workdir, token):
    env = dict(os.environ)
    env.update({
        'RUNBEAM_TOKEN': token,
        'ANSIBLE_HOME': os.path.join(workdir, 'ansible-home'),
        'ANSIBLE_LOCAL_TEMP': os.path.join(workdir, 'ansible-tmp'),
        'ANSIBLE_INVENTORY_UNPARSED_FAILED': '1',
        'ANSIBLE_NOCOLOR': '1',
        'NO_PROXY': '127.0.0.1',  # the emulator is the only server these runs talk to
    })
    env.pop('ANSIBLE_CONFIG', None)
    return env


def inventory(source, env, workdir, capture=False):
    """(seconds, stdout or None) of one `ansible-inventory -i source --list`; exits 2 when it fails."""
    command = ['ansible-inventory', '-i', source, '--list']
    started = time.perf_counter()
    process = subprocess.run(command, cwd=workdir, env=env, timeout=RUN_TIMEOUT, stdin=subprocess.DEVNULL, check=False,
                             stdout=subprocess.PIPE if capture else subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - started
    if process.returncode != 0:
        sys.stderr.write('bench: %s failed (rc %d):\n%s\n' % (' '.join(command), process.returncode, process.stderr[-4000:]))
        sys.exit(2)
    return elapsed, process.stdout if capture else None


def host_count(listing):
    return len(json.loads(listing)['_meta']['hostvars'])


def prepare(emu, args, workdir, env):
    """The three sources, checked once: same hosts, and a primed cache that the warm runs must not bypass."""
    cold = plugin_config(workdir, 'cold.runbeam.yml', emu, args.page_size)
    warm = plugin_config(workdir, 'warm.runbeam.yml', emu, args.page_size, os.path.join(workdir, 'cache'))
    _seconds, listing = inventory(cold, env, workdir, capture=True)
    script = script_inventory(workdir, listing)
    inventory(warm, env, workdir)  # fills the cache
    emu.clear_log()
    _seconds, warm_listing = inventory(warm, env, workdir, capture=True)
    _seconds, script_listing = inventory(script, env, workdir, capture=True)
    if emu.requests():
        sys.exit('bench: the warm run made %d requests; the cache is not used' % len(emu.requests()))
    if len(set((listing, warm_listing, script_listing))) != 1:
        sys.exit('bench: the cold, warm and script sources do not print the same inventory')
    counts = set(host_count(text) for text in (listing, warm_listing, script_listing))
    if counts != set([args.gateways]):
        sys.exit('bench: expected %d hosts from every source, got %s' % (args.gateways, sorted(counts)))
    return {'cold': cold, 'warm': warm, 'script': script}


def measure(sources, env, workdir, runs, budget):
    """{kind: [seconds]}, interleaved, at most runs each and no new round after budget seconds."""
    deadline = time.monotonic() + budget
    times = dict((kind, []) for kind in sources)
    for number in range(runs):
        if number and time.monotonic() > deadline:
            sys.stderr.write('bench: time budget spent after %d round(s)\n' % number)
            break
        for kind, source in sources.items():
            times[kind].append(inventory(source, env, workdir)[0])
    return times


def report(times, args):
    medians = dict((kind, statistics.median(values)) for kind, values in times.items())
    print('runbeam.cloud.gateways: %d gateways, %d per page, %.0f ms latency, %d run(s) each'
          % (args.gateways, args.page_size, args.latency * 1000, len(times['script'])))
    print('%-8s %10s %10s %10s' % ('source', 'median s', 'min s', 'max s'))
    for kind in ('cold', 'warm', 'script'):
        print('%-8s %10.3f %10.3f %10.3f' % (kind, medians[kind], min(times[kind]), max(times[kind])))
    missed = []
    for kind, target in sorted(TARGETS.items()):
        ratio = medians[kind] / medians['script']
        verdict = 'ok' if ratio <= target else 'MISSED'
        print('%s / script = %.3f (target <= %.2f) %s' % (kind, ratio, target, verdict))
        if ratio > target:
            missed.append(kind)
    return 1 if missed else 0


def main(argv=None):
    args = parse_args(argv)
    if shutil.which('ansible-inventory') is None:
        sys.exit('bench: ansible-inventory is not on PATH')
    seed = {'gateways': args.gateways, 'services_per_gateway': 0, 'pipelines_per_gateway': 0}
    workdir = tempfile.mkdtemp(prefix='runbeam-bench-')
    try:
        with Emulator(tls=False, seed=seed) as emu:
            emu.latency = args.latency
            env = run_env(workdir, emu.sanctum_token)
            sources = prepare(emu, args, workdir, env)
            times = measure(sources, env, workdir, args.runs, args.budget)
        return report(times, args)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == '__main__':
    sys.exit(main())
