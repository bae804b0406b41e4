"""The repository's contributor machinery: CI workflows, templates, pre-commit and editor settings."""

import json
import re
import subprocess

import yaml
from conftest import REPO

from handbook.content import schemas
from handbook.content.problems import error

WORKFLOWS = REPO / ".github" / "workflows"
SHA = re.compile(r"^[\w.-]+/[\w.-]+(?:/[\w./-]+)?@[0-9a-f]{40}$")


def workflows() -> dict[str, dict]:
    return {path.name: yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted(WORKFLOWS.glob("*.y*ml"))}


def triggers(workflow: dict) -> dict:
    # YAML 1.1 reads the key 'on' as the boolean True.
    value = workflow.get("on", workflow.get(True))
    return {name: None for name in value} if isinstance(value, list) else dict(value)


def steps(workflow: dict):
    for name, job in workflow["jobs"].items():
        for step in job.get("steps", []):
            yield name, step


def test_there_are_a_pull_request_and_a_publish_workflow():
    assert set(workflows()) == {"pull-request.yml", "publish.yml", "bijdrage.yml"}


def test_never_pull_request_target():
    for name, workflow in workflows().items():
        assert "pull_request_target" not in triggers(workflow), name
        code = [line.split("#")[0] for line in (WORKFLOWS / name).read_text(encoding="utf-8").splitlines()]
        assert not any("pull_request_target" in line for line in code), name


def test_least_privilege():
    for name, workflow in workflows().items():
        assert workflow["permissions"] == {}, f"{name}: set top-level permissions to {{}}"
        for job_name, job in workflow["jobs"].items():
            assert "permissions" in job, f"{name}: job {job_name} must set its permissions"
            writes = {scope for scope, level in job["permissions"].items() if level == "write"}
            if (name, job_name) == ("publish.yml", "deploy"):
                assert writes == {"pages", "id-token"}
            elif (name, job_name) == ("bijdrage.yml", "publish"):
                # Only the job that pushes the branch, opens the pull request and comments; it never
                # runs the handbook's code on the issue text (the read-only 'convert' job does).
                assert writes == {"contents", "pull-requests", "issues"}
            else:
                assert writes == set(), f"{name}: job {job_name} may only read"


def test_actions_are_pinned_by_full_commit_sha():
    used = set()
    for name, workflow in workflows().items():
        for job_name, step in steps(workflow):
            if "uses" in step:
                assert SHA.match(step["uses"]), f"{name}/{job_name}: pin {step['uses']} to a full commit SHA"
                used.add(step["uses"].split("@")[0])
                if step["uses"].startswith("actions/checkout@") and (name, job_name) != ("bijdrage.yml", "publish"):
                    # Only the job that pushes the contribution's branch keeps its token in git.
                    assert step.get("with", {}).get("persist-credentials") is False
    assert used == {
        "actions/checkout", "actions/setup-python", "actions/upload-pages-artifact", "actions/deploy-pages",
        "actions/upload-artifact", "actions/download-artifact",
    }


def test_pull_requests_run_check_build_and_tests():
    workflow = workflows()["pull-request.yml"]
    assert set(triggers(workflow)) == {"pull_request"}
    runs = " ".join(step.get("run", "") for _, step in steps(workflow))
    assert "handbook check --format github" in runs
    assert "mkdocs build --strict" in runs
    assert "make test" in runs


def test_main_publishes_the_site_to_pages():
    workflow = workflows()["publish.yml"]
    assert triggers(workflow)["push"] == {"branches": ["main"]}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    upload = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site/"
    # handbook build: the strict mkdocs build plus the theme booklets the theme pages link to,
    # with links and QR codes pointing at the published address.
    built = next(s for s in build["steps"] if s.get("run", "").strip() == "handbook build")
    assert built["env"]["HANDBOOK_SITE_URL"].startswith("https://")
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")


def test_every_published_build_names_the_real_repository():
    # mkdocs.yml's repo_url is a placeholder for local builds; the form and edit links of the
    # published site and of the pull request's preview must lead to the repository itself (#15).
    placeholder = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_EnvLoader)["repo_url"]
    assert placeholder == "https://github.com/leernetwerk/handboek"
    builds = [
        next(s for s in workflows()["publish.yml"]["jobs"]["build"]["steps"] if s.get("run", "").strip() == "handbook build"),
        next(s for s in workflows()["pull-request.yml"]["jobs"]["build"]["steps"] if "mkdocs build" in s.get("run", "")),
    ]
    for step in builds:
        assert step["env"]["HANDBOOK_REPO_URL"] == "https://github.com/${{ github.repository }}"
        assert step["env"]["HANDBOOK_REPO_NAME"] == "${{ github.repository }}"


class _EnvLoader(yaml.SafeLoader):
    pass


# mkdocs.yml's '!ENV [NAME, default]': the default, as a build without the variable sees it.
_EnvLoader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])
_EnvLoader.add_multi_constructor("tag:yaml.org,2002:python/name:", lambda loader, suffix, node: suffix)


def test_the_github_format_the_workflow_uses_exists():
    from handbook.cli import build_parser

    args = build_parser().parse_args(["check", "--format", "github"])
    assert args.format == "github"


def test_templates_are_dutch_and_cover_new_method_tip_and_correction():
    forms = {p.name: yaml.safe_load(p.read_text(encoding="utf-8")) for p in (REPO / ".github" / "ISSUE_TEMPLATE").glob("*.yml") if p.name != "config.yml"}
    assert {f["name"] for f in forms.values()} == {"Nieuwe methode", "Nieuwe tip", "Nieuwe roadshow", "Nieuwe praktijk", "Verbeter een pagina"}
    for form in forms.values():
        assert form["description"] and all(item["type"] in ("markdown", "input", "textarea", "dropdown", "checkboxes") for item in form["body"])
        privacy = [item for item in form["body"] if item.get("id") == "privacy"]
        assert privacy and all(option["required"] for option in privacy[0]["attributes"]["options"])
    pr = (REPO / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    assert "Privacy" in pr and "handbook check" in pr


def test_pre_commit_runs_the_check_on_staged_pages():
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (hook,) = [h for repo in config["repos"] for h in repo["hooks"]]
    assert hook["pass_filenames"] is True and hook["entry"].split()[-2:] == ["check", "--cache"]
    files = re.compile(hook["files"])
    assert files.search("content/tips/een-tip.md") and not files.search("README.md") and not files.search("tools/x.py")
    # The entry really checks the files it is given, from the repository root.
    done = subprocess.run([*hook["entry"].split(), "content/bijdragen/privacy.md"], cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_editor_settings_map_every_folder_to_its_schema():
    settings = json.loads((REPO / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    for page_type in schemas.page_types().values():
        path = f"./tools/handbook/content/schemas/{page_type.schema_file}"
        assert (REPO / path).is_file()
        if page_type.folder:
            assert mapping[path] == [f"content/{page_type.folder}/*.md"]


def test_editor_task_reads_the_check_output():
    tasks = json.loads((REPO / ".vscode" / "tasks.json").read_text(encoding="utf-8"))
    matcher = tasks["tasks"][0]["problemMatcher"]["pattern"]
    line = str(error("content/tips/x.md", 4, 9, "thema 'x' bestaat niet; bedoelde je 'y'? (zie: a)", "reference"))
    match = re.match(matcher["regexp"], line)
    assert match and match.group(matcher["file"]) == "content/tips/x.md"
    assert (match.group(matcher["line"]), match.group(matcher["column"])) == ("4", "9")
    assert match.group(matcher["severity"]) == "error" and match.group(matcher["code"]) == "reference"
