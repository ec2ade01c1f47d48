import { describe, expect, it } from "vitest";
import { checkTemplate, DEFAULT_TEMPLATE_LIMITS, renderTemplate, TemplateError } from "@/server/templates/liquid";

const options = { timezone: "UTC" };

async function rejection(promise: Promise<unknown>): Promise<TemplateError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TemplateError);
  return error as TemplateError;
}

/** checkTemplate's error, or undefined when the template parses. */
function checkError(source: string): TemplateError | undefined {
  try {
    checkTemplate(source);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(TemplateError);
    return error as TemplateError;
  }
}

describe("no files", () => {
  it.each(["{% include 'header' %}", "{% render 'header', order: order %}", "{% layout 'base' %}x", "{% liquid\n  include 'header'\n%}"])("refuses %j when checked and when rendered", async (source) => {
    const message = "Templates cannot load other files, so {% include %}, {% render %} and {% layout %} are not available. Paste the shared part into this template.";
    expect(checkError(source)?.message).toMatch(new RegExp(`^Line \\d+, column \\d+: ${message.replace(/[{}%.,]/g, "\\$&")}$`));
    expect((await rejection(renderTemplate(source, {}, options))).code).toBe("BAD_REQUEST");
  });
});

describe("syntax errors", () => {
  it.each([
    ["line 1\nline 2\n  {% for item in order.order_items %}{{ item.name }}", "Line 3, column 3: tag {% for item in order.order_items %} not closed", 3, 3],
    ["a\nb\nc {% endfor %}", 'Line 3, column 3: tag "endfor" not found', 3, 3],
    ["{{ order.id | nonsense }}", 'Line 1, column 1: Unknown filter "nonsense".', 1, 1],
    ["ok\n{% for item %}{% endfor %}", undefined, 2, 1],
    ["{{ 'unterminated }}", undefined, 1, undefined],
  ])("%j", (source, message, line, column) => {
    const error = checkError(source)!;
    expect(error).toBeDefined();
    if (message) expect(error.message).toBe(message);
    else expect(error.message).toMatch(/^Line \d+, column \d+: \S/);
    expect(error.line).toBe(line);
    if (column !== undefined) expect(error.column).toBe(column);
    expect(error.field).toBe("template");
  });

  it("accepts a good template, and reuses the parse", () => {
    expect(checkError("{% for o in orders %}{{ o.id | e }}{% endfor %}")).toBeUndefined();
    expect(checkError("{% for o in orders %}{{ o.id | e }}{% endfor %}")).toBeUndefined();
  });
});

describe("limits", () => {
  it("stops a huge range before building it", async () => {
    const started = Date.now();
    const error = await rejection(renderTemplate("{% for i in (1..100000000) %}{{ i }}{% endfor %}", {}, options));
    expect(error.message).toBe("The template needed too much memory (a huge range or text?) and was stopped.");
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("stops an endless loop at the time limit", async () => {
    const loop = "{% for a in (1..5000) %}{% for b in (1..5000) %}{% assign x = b %}{% endfor %}{% endfor %}";
    const started = Date.now();
    const error = await rejection(renderTemplate(loop, {}, { ...options, limits: { timeoutMs: 200 } }));
    expect(error.message).toBe("The template ran longer than 0.2 s and was stopped (an endless loop?).");
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it("stops at 2 s by default", async () => {
    expect(DEFAULT_TEMPLATE_LIMITS).toEqual({ timeoutMs: 2000, maxOutputBytes: 10 * 1024 * 1024 });
    const loop = "{% for a in (1..100000) %}{% for b in (1..100) %}{% assign x = b %}{% endfor %}{% endfor %}";
    const started = Date.now();
    const error = await rejection(renderTemplate(loop, {}, options));
    expect(error.message).toBe("The template ran longer than 2 s and was stopped (an endless loop?).");
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it("stops output past the limit (10 MB by default)", async () => {
    const small = await rejection(renderTemplate("{% for i in (1..1000) %}0123456789{% endfor %}", {}, { ...options, limits: { maxOutputBytes: 5000 } }));
    expect(small.message).toBe("The output passed 5000 bytes and was stopped.");
    const block = "x".repeat(1024 * 1024);
    const big = await rejection(renderTemplate("{% for i in (1..11) %}{{ block }}{% endfor %}", { block }, options));
    expect(big.message).toBe("The output passed 10 MB and was stopped.");
    expect(await renderTemplate("{% for i in (1..9) %}{{ block }}{% endfor %}", { block }, options)).toHaveLength(9 * 1024 * 1024);
  });

  it("counts bytes, not characters", async () => {
    await expect(renderTemplate("{{ s }}", { s: "é".repeat(600) }, { ...options, limits: { maxOutputBytes: 1000 } })).rejects.toThrow("The output passed 1000 bytes");
    expect(await renderTemplate("{{ s }}", { s: "é".repeat(500) }, { ...options, limits: { maxOutputBytes: 1000 } })).toHaveLength(500);
  });

  it("stops a capture that doubles itself", async () => {
    const source = "{% capture x %}ab{% endcapture %}{% for i in (1..60) %}{% capture x %}{{ x }}{{ x }}{% endcapture %}{% endfor %}{{ x | size }}";
    expect((await rejection(renderTemplate(source, {}, options))).message).toBe("The template needed too much memory (a huge range or text?) and was stopped.");
  });

  it("refuses an oversized template and survives deep nesting", async () => {
    expect(checkError("x".repeat(1_000_001))?.message).toBe("The template is too long: 1,000,001 characters (at most 1,000,000).");
    const deep = "{% if true %}".repeat(60_000);
    const error = checkError(deep)!;
    expect(error).toBeDefined();
    expect(error.message).toMatch(/nested too deeply|not closed/);
  });
});

describe("own properties only", () => {
  it("hides prototypes and functions", async () => {
    const variables = { order: { id: "1", tags: ["a"] }, text: "abc" };
    expect(await renderTemplate("[{{ order.constructor }}][{{ order.__proto__ }}][{{ order.toString }}][{{ order.hasOwnProperty }}][{{ text.toUpperCase }}]", variables, options)).toBe("[][][][][]");
    expect(await renderTemplate("{{ order.tags.size }} {{ text.size }} {{ order.tags.first }}", variables, options)).toBe("1 3 a");
  });
});
