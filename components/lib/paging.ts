// Page sizes shared by the server's first render and the client's next pages.
export const SESSIONS_PAGE_SIZE = 30;
export const HISTORY_PAGE_SIZE = 50;
