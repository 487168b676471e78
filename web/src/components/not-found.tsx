import { Button, Result } from "antd";
import { Link } from "react-router";
import { useT } from "../i18n/i18n-context.js";

/** 404 for any path no route matches. */
export function NotFound() {
  const t = useT();
  return (
    <Result
      status="404"
      title={t("notFound.title")}
      subTitle={t("notFound.desc")}
      extra={
        <Link to="/">
          <Button type="primary">{t("common.backHome")}</Button>
        </Link>
      }
    />
  );
}
