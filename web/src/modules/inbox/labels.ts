// Inbox categories as tags: 预警 (alert), 提醒 (reminder), 系统 (system).
export const categoryColours: Record<string, string> = {
  alert: 'red',
  reminder: 'orange',
  system: 'blue',
};
