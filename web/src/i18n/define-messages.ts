/** A feature's strings in both languages; English must have exactly the Chinese keys. */
export function defineMessages<const Z extends Record<string, string>>(
  zhCN: Z,
  enUS: { [K in keyof Z]: string },
): { "zh-CN": Z; "en-US": { [K in keyof Z]: string } } {
  return { "zh-CN": zhCN, "en-US": enUS };
}
