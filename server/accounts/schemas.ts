import { z } from "zod";

export const emailInput = z
  .email({ message: "Enter a valid email address." })
  .max(254)
  .transform((e) => e.trim().toLowerCase());

export const signUpInput = z.object({
  name: z.string().trim().min(1, "Enter your name.").max(100, "Use at most 100 characters."),
  email: emailInput,
  password: z.string().min(10, "Use at least 10 characters.").max(200, "Use at most 200 characters."),
});
export type SignUpInput = z.infer<typeof signUpInput>;

export const credentialsInput = z.object({
  email: emailInput,
  password: z.string().min(1).max(200),
});
