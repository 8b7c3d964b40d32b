"use server";

import { revalidatePath } from "next/cache";
import { importArticles, saveArticle, saveLimitSettings, setArticleStatus } from "@/db/queries/knowledge";
import { defineAction } from "@/lib/action";
import { rolesFor } from "@/lib/auth/roles";
import { UserError } from "@/lib/errors";
import { articleFormSchema, articleStatusSchema, importFormSchema } from "@/lib/knowledge/article-form";
import { parseImport } from "@/lib/knowledge/import-articles";
import { limitsFormSchema } from "@/lib/knowledge/limits";

const roles = rolesFor("admin.manage");

export const saveArticleAction = defineAction({
  name: "admin.knowledge.save",
  roles,
  schema: articleFormSchema,
  handler: async ({ actor, input }) => {
    const saved = await saveArticle({ id: input.id, expectedVersion: input.expectedVersion, article: input.article, status: input.status, actor });
    if (!saved.ok) {
      if (saved.reason === "duplicate")
        throw new UserError("conflict", `An article with the key "${input.article.key}" already exists in this language.`, {
          key: ["already used in this language"],
        });
      if (saved.reason === "conflict") throw new UserError("conflict", "Someone saved this article since you opened it. Reload the page to see their version.");
      throw new UserError("not_found", "That article no longer exists.");
    }
    revalidatePath("/admin/knowledge");
    return { id: saved.id, version: saved.version };
  },
});

export const setArticleStatusAction = defineAction({
  name: "admin.knowledge.status",
  roles,
  schema: articleStatusSchema,
  handler: async ({ actor, input }) => {
    const saved = await setArticleStatus({ id: input.id, status: input.status, actor });
    if (!saved.ok) throw new UserError("not_found", "That article no longer exists.");
    revalidatePath("/admin/knowledge");
    return { id: saved.id, version: saved.version };
  },
});

export const importArticlesAction = defineAction({
  name: "admin.knowledge.import",
  roles,
  schema: importFormSchema,
  handler: async ({ actor, input }) => {
    const parsed = parseImport(input.text);
    if (!parsed.ok)
      throw new UserError(
        "bad_request",
        parsed.problems.slice(0, 5).join(" · ") + (parsed.problems.length > 5 ? ` (and ${parsed.problems.length - 5} more)` : ""),
        { text: parsed.problems },
      );
    const result = await importArticles({ articles: parsed.articles, status: input.status, actor });
    revalidatePath("/admin/knowledge");
    return result;
  },
});

export const saveLimitsAction = defineAction({
  name: "admin.knowledge.limits",
  roles,
  schema: limitsFormSchema,
  handler: async ({ actor, input }) => {
    await saveLimitSettings({ settings: input, actor });
    revalidatePath("/admin/knowledge");
    return { topics: input.filter((t) => t.enabled).length };
  },
});
