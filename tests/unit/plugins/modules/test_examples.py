"""Every module's EXAMPLES is a valid task list that ansible-playbook accepts, and names only real modules."""

import ast
import os
import subprocess
import sys

import yaml

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))))
MODULES = os.path.join(REPO, 'plugins', 'modules')


def module_strings(name):
    """DOCUMENTATION, EXAMPLES and RETURN of a module, read without importing it."""
    with open(os.path.join(MODULES, name + '.py')) as handle:
        tree = ast.parse(handle.read())
    return dict((node.targets[0].id, node.value.value) for node in tree.body
                if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and isinstance(node.targets[0], ast.Name))


def module_names():
    return sorted(f[:-3] for f in os.listdir(MODULES) if f.endswith('.py') and not f.startswith('_'))


def test_every_action_group_member_is_a_module_and_has_examples():
    with open(os.path.join(REPO, 'meta', 'runtime.yml')) as handle:
        assert sorted(yaml.safe_load(handle)['action_groups']['runbeam']) == module_names()


def test_examples_pass_ansible_playbook_syntax_check(tmp_path):
    tasks = []
    for name in module_names():
        examples = yaml.safe_load(module_strings(name)['EXAMPLES'])
        assert isinstance(examples, list) and examples, name
        assert any(('runbeam.cloud.%s' % name) in task or 'block' in task for task in examples), name
        tasks.extend(examples)
    playbook = tmp_path / 'examples.yml'
    playbook.write_text(yaml.safe_dump([{'hosts': 'localhost', 'gather_facts': False, 'tasks': tasks}]))
    env = dict(os.environ, ANSIBLE_LOCALHOST_WARNING='false', ANSIBLE_HOME=str(tmp_path / 'home'))
    command = [os.path.join(os.path.dirname(sys.executable), 'ansible-playbook'), '--syntax-check', str(playbook)]
    process = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert process.returncode == 0, process.stdout + process.stderr


def test_a_result_carrying_a_machine_token_is_registered_with_no_log_in_the_examples():
    examples = yaml.safe_load(module_strings('runbeam_gateway_authorize')['EXAMPLES'])
    without_file = [task for task in examples if 'runbeam.cloud.runbeam_gateway_authorize' in task
                    and 'token_path' not in task['runbeam.cloud.runbeam_gateway_authorize']]
    assert without_file and all(task.get('no_log') is True for task in without_file)
