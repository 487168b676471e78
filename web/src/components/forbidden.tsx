import { Button, Result } from "antd";
import { Link } from "react-router";
import { useT } from "../i18n/i18n-context.js";

/** 403: the signed-in role lacks the page's permission. */
export function Forbidden() {
  const t = useT();
  return (
    <Result
      status="403"
      title={t("forbidden.title")}
      subTitle={t("forbidden.desc")}
      extra={
        <Link to="/">
          <Button type="primary">{t("common.backHome")}</Button>
        </Link>
      }
    />
  );
}
