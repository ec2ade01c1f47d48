import { createCallerFactory, router } from "./init";
import { accountRouter } from "./routers/account";
import { apiKeyRouter } from "./routers/api-key";
import { emailTemplateRouter } from "./routers/email-template";
import { exportRouter } from "./routers/export";
import { folderRouter } from "./routers/folder";
import { importRouter } from "./routers/import";
import { inventoryRouter } from "./routers/inventory";
import { libraryRouter } from "./routers/library";
import { memberRouter } from "./routers/member";
import { orderRouter } from "./routers/order";
import { ruleRouter } from "./routers/rule";
import { storeRouter } from "./routers/store";

export const appRouter = router({
  account: accountRouter,
  store: storeRouter,
  folder: folderRouter,
  member: memberRouter,
  order: orderRouter,
  apiKey: apiKeyRouter,
  inventory: inventoryRouter,
  rule: ruleRouter,
  library: libraryRouter,
  export: exportRouter,
  import: importRouter,
  emailTemplate: emailTemplateRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
