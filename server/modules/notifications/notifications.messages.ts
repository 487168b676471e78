export const notificationEntity = { zh: "通知", en: "Notification" };
