import {
  DownOutlined,
  LockOutlined,
  LogoutOutlined,
  MenuFoldOutlined,
  MenuUnfoldOutlined,
  SafetyCertificateFilled,
  UserOutlined,
} from "@ant-design/icons";
import { Avatar, Button, Drawer, Dropdown, Flex, Grid, Layout, Menu, type MenuProps, Tag, Typography, theme } from "antd";
import { Suspense, useState } from "react";
import { Link, Outlet, useLocation, useNavigate } from "react-router";
import { PageLoading } from "../components/page-state.js";
import { useCurrentUser, useSession } from "../features/auth/session-context.js";
import { NotificationBell } from "../features/notifications/notification-bell.js";
import { useRoleLabel, useT } from "../i18n/i18n-context.js";
import { LanguageSwitch } from "../i18n/language-switch.js";
import { passwordPath } from "./guards.js";
import { isGroup, navFor, selectedNavPath } from "./nav.js";

const { Header, Sider, Content, Footer } = Layout;

/** The signed-in shell: Sider menu (a Drawer on phones), header with language switch and user menu. */
export function AppLayout() {
  const user = useCurrentUser();
  const { signOut } = useSession();
  const t = useT();
  const roleLabel = useRoleLabel();
  const location = useLocation();
  const navigate = useNavigate();
  const { token } = theme.useToken();
  const screens = Grid.useBreakpoint();
  const isMobile = screens.md === false;
  const isPhone = screens.sm === false;
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  // A user who must change their password sees no menu: the password page is all they may use.
  const locked = user.mustChangePassword;

  const menuItems: MenuProps["items"] = navFor(user.role).map((entry) =>
    isGroup(entry)
      ? {
          key: entry.key,
          icon: entry.icon,
          label: t(entry.label),
          children: entry.children.map((c) => ({ key: c.path, icon: c.icon, label: <Link to={c.path}>{t(c.label)}</Link> })),
        }
      : { key: entry.path, icon: entry.icon, label: <Link to={entry.path}>{t(entry.label)}</Link> },
  );
  const selected = selectedNavPath(location.pathname);

  const menu = (
    <Menu
      mode="inline"
      items={menuItems}
      selectedKeys={selected ? [selected] : []}
      defaultOpenKeys={["admin"]}
      onClick={() => setDrawerOpen(false)}
      style={{ borderInlineEnd: "none" }}
    />
  );

  const userMenu: MenuProps = {
    items: [
      {
        key: "who",
        disabled: true,
        label: (
          <Flex vertical style={{ color: token.colorText }}>
            <Typography.Text strong>{user.displayName}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {user.username} · {roleLabel(user.role)}
              {user.regionCode ? ` · ${user.regionCode}` : ""}
            </Typography.Text>
          </Flex>
        ),
      },
      { type: "divider" },
      { key: "password", icon: <LockOutlined />, label: <span id="change-password">{t("nav.changePassword")}</span> },
      { key: "logout", icon: <LogoutOutlined />, danger: true, label: <span id="sign-out">{t("nav.signOut")}</span> },
    ],
    onClick: ({ key }) => {
      if (key === "password") navigate(passwordPath);
      if (key === "logout") void signOut();
    },
  };

  const brand = (
    <Link to="/" style={{ display: "flex", alignItems: "center", gap: 8, color: token.colorText, whiteSpace: "nowrap" }}>
      <SafetyCertificateFilled style={{ fontSize: 22, color: token.colorError }} />
      {/* Phones keep the mark only, leaving room for the language switch and user menu. */}
      {!isPhone && (
        <Typography.Text strong style={{ fontSize: 16 }}>
          {t("app.name")}
        </Typography.Text>
      )}
    </Link>
  );

  return (
    <Layout style={{ minHeight: "100vh" }}>
      {!locked && !isMobile && (
        <Sider
          theme="light"
          width={220}
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          breakpoint="lg"
          onBreakpoint={setCollapsed}
          trigger={null}
          style={{
            position: "sticky",
            top: 0,
            height: "100vh",
            overflowY: "auto",
            background: token.colorBgContainer,
            borderInlineEnd: `1px solid ${token.colorSplit}`,
          }}
        >
          <Flex align="center" justify="center" style={{ height: 64 }}>
            <SafetyCertificateFilled style={{ fontSize: 26, color: token.colorError }} aria-hidden />
          </Flex>
          {menu}
        </Sider>
      )}
      {!locked && isMobile && (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={240}
          title={
            <Typography.Text strong style={{ fontSize: 16 }}>
              {t("app.name")}
            </Typography.Text>
          }
          styles={{ body: { padding: 0 } }}
        >
          {menu}
        </Drawer>
      )}
      <Layout>
        <Header
          style={{
            position: "sticky",
            top: 0,
            zIndex: 10,
            display: "flex",
            alignItems: "center",
            gap: isPhone ? 4 : 12,
            padding: isMobile ? "0 8px" : "0 16px",
            background: token.colorBgContainer,
            borderBottom: `1px solid ${token.colorSplit}`,
          }}
        >
          {!locked && (
            <Button
              type="text"
              aria-label={t("nav.toggleMenu")}
              icon={(isMobile ? !drawerOpen : collapsed) ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
              onClick={() => (isMobile ? setDrawerOpen(true) : setCollapsed((c) => !c))}
            />
          )}
          {brand}
          <div style={{ flex: 1 }} />
          {!locked && <NotificationBell />}
          <LanguageSwitch showIcon={!isPhone} />
          <Dropdown menu={userMenu} trigger={["click"]} placement="bottomRight">
            <Button type="text" id="user-menu" data-testid="user-menu" style={{ height: 48, paddingInline: 8 }}>
              <Avatar size="small" icon={<UserOutlined />} style={{ background: token.colorPrimary }} />
              <span
                data-testid="user-display-name"
                style={{
                  display: "inline-block", // max-width and the ellipsis need a block: inline, a long name widened the header past a phone's screen
                  maxWidth: isPhone ? 64 : isMobile ? 96 : 200,
                  overflow: "hidden",
                  textOverflow: "ellipsis",
                  whiteSpace: "nowrap",
                  verticalAlign: "middle",
                }}
              >
                {user.displayName}
              </span>
              {!isMobile && (
                <Tag color="blue" data-testid="user-role" style={{ marginInlineEnd: 0 }}>
                  {roleLabel(user.role)}
                </Tag>
              )}
              {!isMobile && user.regionCode && (
                <Typography.Text type="secondary" data-testid="user-region">
                  {user.regionCode}
                </Typography.Text>
              )}
              <DownOutlined style={{ fontSize: 10 }} />
            </Button>
          </Dropdown>
        </Header>
        <Content style={{ padding: isMobile ? 12 : 24 }}>
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </Content>
        <Footer style={{ textAlign: "center", padding: "12px 24px", color: token.colorTextTertiary }}>
          {t("app.name")} · {t("app.tagline")}
        </Footer>
      </Layout>
    </Layout>
  );
}
