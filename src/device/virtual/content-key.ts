/** One string for an SMS's sender and text, unambiguous whatever characters either holds. */
export const contentKey = (sender: string, text: string): string => JSON.stringify([sender, text]);
