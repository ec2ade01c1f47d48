// next-auth endpoints: sign in with email + password, sign out, session, CSRF token.
import NextAuth from "next-auth";
import { authOptions } from "@/server/auth/options";

const handler = NextAuth(authOptions);
export { handler as GET, handler as POST };
