import { Cell, isoFromSerial } from "../core";

/** Display only: the figures come from the Review; these just write them for people. */
const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: 0, maximumFractionDigits: 0 });
/** Cents are shown only when there are some, and then both digits: $3,353.80, never $3,353.8. */
const usdCents = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: 2 });
const usdOf = (value: number) => (Math.round(value * 100) % 100 === 0 ? usd : usdCents).format(value);
const pct = new Intl.NumberFormat("en-US", { style: "percent", minimumFractionDigits: 0, maximumFractionDigits: 1 });

export const money = (cents: number | null): string => (cents === null ? "—" : usdOf(cents / 100));
export const dollars = (value: number | null): string => (value === null ? "—" : usdOf(value));
export const percent = (fraction: number | null): string => (fraction === null ? "—" : pct.format(fraction));
export const day = (serial: number | null): string => (serial === null ? "—" : isoFromSerial(serial));

/** A raw input cell as the user would type it back. */
export function cellInput(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return "";
  return String(cell);
}
