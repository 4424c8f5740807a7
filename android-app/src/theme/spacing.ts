// Spacing steps (dp), so screens line up without magic numbers.
export const spacing = { xs: 4, sm: 8, md: 12, lg: 16, xl: 24 } as const;
export const radius = { card: 8, chip: 12 } as const;
