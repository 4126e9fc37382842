import assert from "node:assert/strict";
import { parse } from "yaml";

const WORKFLOW = new URL("../.github/workflows/pages.yml", import.meta.url);

/** One step of a GitHub Actions job. */
interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}

/** The parts of the workflow this test reads. */
interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, { steps: Step[]; needs?: string }>;
}

const workflow: Workflow = parse(await Deno.readTextFile(WORKFLOW));
const config = JSON.parse(
  await Deno.readTextFile(new URL("../deno.json", import.meta.url)),
);

/** Returns the step of `job` that uses `action` (any version). */
function stepUsing(job: string, action: string): Step {
  const step = workflow.jobs[job].steps.find((candidate) =>
    candidate.uses?.startsWith(`${action}@`)
  );
  assert.ok(step, `job "${job}" has no step using ${action}`);
  return step;
}

Deno.test("pages workflow deploys with the official actions", () => {
  assert.ok("push" in workflow.on, "workflow does not run on push");
  assert.equal(workflow.permissions.pages, "write");
  assert.equal(workflow.permissions["id-token"], "write");

  stepUsing("build", "actions/checkout");
  stepUsing("build", "actions/configure-pages");
  const upload = stepUsing("build", "actions/upload-pages-artifact");
  assert.equal(upload.with?.path, "_site");
  assert.equal(workflow.jobs.deploy.needs, "build");
  stepUsing("deploy", "actions/deploy-pages");
});

Deno.test("pages workflow builds the site with deno task site", () => {
  const setup = stepUsing("build", "denoland/setup-deno");
  assert.match(String(setup.with?.["deno-version"]), /^v2\./);

  const runs = workflow.jobs.build.steps.map((step) => step.run ?? "");
  assert.ok(runs.some((run) => run.includes("deno task site")));
  const siteTask = config.tasks.site;
  const command = typeof siteTask === "string" ? siteTask : siteTask.command;
  assert.match(command, /--out _site\b/);
});
