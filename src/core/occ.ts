import { Cell } from "./types";
import { OptionRight, serialFromYmd } from "./cells";

export interface OptionSymbol {
  underlying: string;
  /** Excel serial day of the expiration. */
  expiration: number;
  right: OptionRight;
  strike: number;
}

// OCC: root (1-6 chars, padded to 6 with spaces or compact), yymmdd, C/P, strike x 1000 in 8 digits.
const OCC = /^([A-Z][A-Z0-9.]{0,5}?)\s*(\d{2})(\d{2})(\d{2})([CP])(\d{8})$/;
// Fidelity: a leading dash, root, yymmdd, C/P, strike as a plain decimal.
const FIDELITY = /^-([A-Z][A-Z0-9.]{0,5}?)(\d{2})(\d{2})(\d{2})([CP])(\d+(?:\.\d+)?)$/;

/** Reads an OCC option symbol (padded or compact) or Fidelity's form; null when the cell is neither. */
export function parseOptionSymbol(cell: Cell): OptionSymbol | null {
  if (typeof cell !== "string") return null;
  const trimmed = cell.trim();
  // The shortest symbol either form allows is Fidelity's -A250117P1: tickers stop here.
  if (trimmed.length < 10) return null;
  const text = trimmed.toUpperCase();
  const occ = OCC.exec(text);
  const fid = occ ? null : FIDELITY.exec(text);
  const m = occ ?? fid;
  if (!m) return null;
  const expiration = serialFromYmd(2000 + Number(m[2]), Number(m[3]), Number(m[4]));
  if (expiration === null) return null;
  const strike = occ ? Number(m[6]) / 1000 : Number(m[6]);
  if (!(strike > 0)) return null;
  return { underlying: m[1], expiration, right: m[5] === "P" ? "put" : "call", strike };
}
