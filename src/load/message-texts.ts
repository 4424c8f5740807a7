// Realistic SMS bodies, each carrying its message number so no two texts of a run are the same.
import type { SeededRandom } from '../sms/random';

/** Builds the text of message number `n` (1-based). */
export type TextBuilder = (n: number, random: SeededRandom) => string;

const digits = (random: SeededRandom, count: number) => Array.from({ length: count }, () => random.int(0, 9)).join('');
const pad2 = (value: number) => String(value).padStart(2, '0');

/** GSM-7 only, at most 160 characters: one SMS part each. */
export const asciiTexts: readonly TextBuilder[] = [
  (n, r) => `Your verification code is ${digits(r, 6)}. Do not share it with anyone. #${n}`,
  (n, r) =>
    `Parcel ZX${digits(r, 9)} arrives today between ${r.int(8, 14)}:00 and ${r.int(15, 20)}:00. Reply STOP to opt out. #${n}`,
  (n, r) =>
    `Card ending ${digits(r, 4)} was charged USD ${r.int(1, 999)}.${pad2(r.int(0, 99))} at ${r.pick(['GROCER', 'FUEL 24', 'CAFE'])}. Not you? Call 0800 123 456. #${n}`,
  (n, r) =>
    `Reminder: appointment with Dr. ${r.pick(['Smith', 'Okafor', 'Nguyen', 'Garcia'])} on ${pad2(r.int(1, 28))}/${pad2(r.int(1, 12))} at ${r.int(8, 17)}:${pad2(r.int(0, 59))}. Reply YES to confirm. #${n}`,
  (n, r) =>
    `GPS T${n} lat=${(r.next() * 180 - 90).toFixed(5)} lon=${(r.next() * 360 - 180).toFixed(5)} spd=${r.int(0, 130)}km/h bat=${r.int(1, 100)}%`,
  (n, r) =>
    `Hi ${r.pick(['Ana', 'Tom', 'Priya', 'Kwame'])}, your table for ${r.int(1, 8)} is booked for ${r.int(18, 22)}:${pad2(r.int(0, 59))}. See you soon! #${n}`,
];

/** Outside GSM-7: accents beyond it, Cyrillic, CJK, Arabic, Devanagari, emoji (surrogate pairs). */
export const unicodeTexts: readonly TextBuilder[] = [
  (n, r) => `Ваш код подтверждения: ${digits(r, 6)}. Никому его не сообщайте. #${n}`,
  (n, r) => `您的验证码是${digits(r, 6)}，五分钟内有效。#${n}`,
  (n, r) => `Café crème à ${r.int(7, 11)}h${pad2(r.int(0, 59))} ? Réponds vite 😀 #${n}`,
  (n) => `Paket zugestellt ✅📦 Grüße aus Köln, Łódź und Kraków #${n}`,
  (n, r) => `مرحبا، رمز التحقق الخاص بك هو ${digits(r, 6)} #${n}`,
  (n) => `ご注文を発送しました 🍣🚚 またのご利用を #${n}`,
  (n, r) => `नमस्ते! आपका ओटीपी ${digits(r, 6)} है। #${n}`,
  (n, r) => `Γεια σου 🙂 ο κωδικός σου είναι ${digits(r, 4)} #${n}`,
];

const sentences = [
  'Your monthly statement is ready to view in the app.',
  'The maintenance window starts at 22:00 and should last about two hours.',
  'Please keep this message for your records, it contains your booking reference.',
  'If you did not request this change, contact support straight away.',
  'Trains on the north line are delayed by roughly 15 minutes due to signal works.',
  'Thank you for your order, we will let you know once it ships.',
];

/** 200 to 600 GSM-7 characters: 2 to 4 parts of 153. */
export const multipartText: TextBuilder = (n, r) => {
  const length = r.int(200, 600);
  let text = `Long message #${n}:`;
  while (text.length < length) text += ` ${r.pick(sentences)}`;
  return text.slice(0, length);
};

const longText = (n: number) =>
  `#${n} ${'0123456789 The quick brown fox jumps over the lazy dog. '.repeat(40)}`.slice(0, 1600);

/**
 * Texts that break naive code: SQL and JSON injection, quotes, backslashes, line breaks, control
 * characters, bidi override, ZWJ emoji, combining marks, a 1,600-character text, an empty text.
 */
export const hostileTexts: readonly TextBuilder[] = [
  (n) => `Robert'); DROP TABLE messages;-- #${n}`,
  (n) => `' OR '1'='1' -- #${n}`,
  (n) => `"double" 'single' \`back\` “curly” #${n}`,
  (n) => `C:\\temp\\new\\table \\n \\u0000 \\\\ #${n}`,
  (n) => `line one\nline two\r\n\tindented\ttab #${n}`,
  (n) => `bell\u0007 esc\u001b[31mred\u001b[0m nul\u0000 del\u007f #${n}`,
  (n) => `\u202Etxt.exe #${n}`,
  (n) => `👩‍👩‍👧‍👦 🏳️‍🌈 👨🏽‍💻 #${n}`,
  (n) => `{"messageId":"x","text":"</script><script>alert(1)</script>"} #${n}`,
  (n) => `%s%s%n %d {0} \${process.exit(1)} #${n}`,
  (n) => `Z̴͉̓a̸͚͝l̵g̷o̶ \uFEFFbom \u2028line\u2029para #${n}`,
  longText,
  () => '',
];
