// Job titles a lead may give; an archetype picks from them, and a handoff falls back to them by language.

export const salesRoles = ["Head of Sales", "VP of Sales", "Sales Operations Manager", "Revenue Operations Lead", "Commercial Director", "Head of Growth"];
export const founderRoles = ["CEO", "Founder", "Managing Director", "COO"];
export const esRoles = ["Responsable comercial", "Responsable de marketing", "CEO", "Responsable de ventas", "Head of Sales"];
