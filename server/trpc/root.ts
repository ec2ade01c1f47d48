import { createCallerFactory, router } from "./init";
import { accountRouter } from "./routers/account";
import { folderRouter } from "./routers/folder";
import { memberRouter } from "./routers/member";
import { orderRouter } from "./routers/order";
import { storeRouter } from "./routers/store";

export const appRouter = router({
  account: accountRouter,
  store: storeRouter,
  folder: folderRouter,
  member: memberRouter,
  order: orderRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
