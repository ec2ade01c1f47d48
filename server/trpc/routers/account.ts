import { signUpInput } from "@/server/accounts/schemas";
import { signUp } from "@/server/accounts/service";
import { protectedProcedure, publicProcedure, router } from "../init";

export const accountRouter = router({
  /** Creates the account; the client then signs in through next-auth. */
  signUp: publicProcedure.input(signUpInput).mutation(async ({ ctx, input }) => {
    const user = await signUp(ctx.db, input);
    return { id: user.id, email: user.email };
  }),
  me: protectedProcedure.query(({ ctx }) => ctx.user),
});
