/**
 * A department's case number (案号), e.g. "溧应急罚〔2026〕12号". The format is a template a deployment sets:
 * `{dept}` the department's short name, `{year}` four digits, `{seq}` the case's sequence in that year
 * (`{seq:3}` zero-pads to three digits, "012"). Pure formatting and parsing; the gap-free counter is the server's.
 */
export const defaultCaseNumberTemplate = "{dept}〔{year}〕{seq}号";

export type CaseNumberParts = { dept: string; year: number; seq: number };

type Token = { literal: string } | { field: "dept" } | { field: "year" } | { field: "seq"; pad: number };

/** The template's tokens, or the problem as text (each of {dept}, {year}, {seq} exactly once; nothing else in braces). */
export function parseCaseNumberTemplate(template: string): { tokens: Token[] } | { error: string } {
  const tokens: Token[] = [];
  const seen = new Set<string>();
  const re = /\{([a-z]+)(?::(\d))?\}/g;
  let last = 0;
  for (let m = re.exec(template); m; m = re.exec(template)) {
    if (m.index > last) tokens.push({ literal: template.slice(last, m.index) });
    const name = m[1] as string;
    if (name !== "dept" && name !== "year" && name !== "seq") return { error: `unknown field {${name}}` };
    if (seen.has(name)) return { error: `{${name}} appears twice` };
    if (m[2] !== undefined && name !== "seq") return { error: `only {seq} takes a width` };
    seen.add(name);
    tokens.push(name === "seq" ? { field: "seq", pad: Number(m[2] ?? 0) } : name === "dept" ? { field: "dept" } : { field: "year" });
    last = re.lastIndex;
  }
  if (last < template.length) tokens.push({ literal: template.slice(last) });
  if (tokens.some((t) => "literal" in t && /[{}]/.test(t.literal))) return { error: "unmatched brace" };
  for (const f of ["dept", "year", "seq"]) if (!seen.has(f)) return { error: `{${f}} is missing` };
  // Two fields side by side could not be told apart when parsing.
  for (let i = 1; i < tokens.length; i++) {
    if (!("literal" in (tokens[i] as Token)) && !("literal" in (tokens[i - 1] as Token))) return { error: "fields must be separated" };
  }
  return { tokens };
}

function tokensOf(template: string): Token[] {
  const t = parseCaseNumberTemplate(template);
  if ("error" in t) throw new Error(`case number template "${template}": ${t.error}`);
  return t.tokens;
}

/** Formats a case number; throws on a bad template, a year outside 1000–9999 or a sequence below 1. */
export function formatCaseNumber(parts: CaseNumberParts, template = defaultCaseNumberTemplate): string {
  if (!Number.isInteger(parts.year) || parts.year < 1000 || parts.year > 9999) throw new Error(`year ${parts.year}`);
  if (!Number.isInteger(parts.seq) || parts.seq < 1) throw new Error(`sequence ${parts.seq}`);
  if (parts.dept.trim() === "") throw new Error("department short name is empty");
  return tokensOf(template)
    .map((t) => {
      if ("literal" in t) return t.literal;
      if (t.field === "dept") return parts.dept;
      if (t.field === "year") return String(parts.year);
      return String(parts.seq).padStart(t.pad, "0");
    })
    .join("");
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Reads a case number written in `template`; null when it does not match (padding is not required when reading). */
export function parseCaseNumber(text: string, template = defaultCaseNumberTemplate): CaseNumberParts | null {
  const source = tokensOf(template)
    .map((t) => {
      if ("literal" in t) return escapeRegExp(t.literal);
      if (t.field === "dept") return "(?<dept>.+?)";
      if (t.field === "year") return "(?<year>\\d{4})";
      return "(?<seq>\\d+)";
    })
    .join("");
  const m = new RegExp(`^${source}$`, "u").exec(text.trim());
  const g = m?.groups;
  if (!g?.dept || !g.year || !g.seq) return null;
  const seq = Number(g.seq);
  if (seq < 1) return null;
  return { dept: g.dept, year: Number(g.year), seq };
}
