import { defineMessages } from "../../kernel/i18n/i18n.js";

// Issue 8 §3: the overdue-steps board's input codes.
defineMessages({
  "enforcement.board.region": {
    zh: "区划代码须为 2、4、6、9 或 12 位数字",
    en: "A region code has 2, 4, 6, 9 or 12 digits",
  },
});
