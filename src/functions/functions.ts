import {
  assignmentExposure,
  canSellPutFormula,
  canWithdrawFormula,
  headroom,
  incomeCoverageFormula,
  incomeFormula,
  maxContractsFormula,
  reserveMonthsFormula,
  vixCapFormula,
  withdrawalCeilingFormula,
} from "../core/formulas";
import { workbookSnapshots } from "../excel/snapshot-cache";
import { answerNow, installFormulaSource, LiveFormulas, liveFormulas } from "./live";
import { positionsArgument } from "./arguments";

/*
 * The CSP custom functions (Excel shows them as CSP.NAME). Thin wrappers: the rules are in
 * src/core/formulas.ts. Every function streams: it answers from the shared workbook snapshot
 * and answers again when the position table, AccountValue, Cash, VIX or a stored setting
 * changes, without F9. Omitted arguments arrive as null and come from the workbook.
 * custom-functions-metadata-plugin writes functions.json from these comments and registers
 * the functions itself.
 */

installFormulaSource(() => new LiveFormulas(workbookSnapshots()));

/**
 * Total assignment exposure in dollars: strike x multiplier x contracts summed over the open short puts.
 * @customfunction ASSIGNMENTEXPOSURE
 * @param [positions] The position table with its header row, such as Positions[#All]. Omit it to use the workbook's position table.
 * @param invocation Excel's streaming invocation.
 * @returns Assignment exposure in dollars.
 */
export function assignmentExposureFn(positions?: Array<Array<string | number | boolean>>, invocation?: CustomFunctions.StreamingInvocation<number>): void {
  liveFormulas().stream(invocation, (ctx) => assignmentExposure(ctx, positionsArgument(positions)));
}

/**
 * The VIX cap: the largest fraction of the account that may be reserved at this VIX (0.3 for 30%).
 * @customfunction VIXCAP
 * @param vix The VIX level, a number above 0.
 * @param [highVixCap] The cap above VIX 30, from 0.45 to 0.50. Omit it to use the stored setting (0.45 by default).
 * @param invocation Excel's streaming invocation.
 * @returns The cap as a fraction of the account.
 */
export function vixCapFn(vix: number, highVixCap?: number, invocation?: CustomFunctions.StreamingInvocation<number>): void {
  // With both arguments nothing comes from the workbook: answer at once, never waiting for a read.
  if (highVixCap !== null && highVixCap !== undefined) answerNow(invocation, (ctx) => vixCapFormula(ctx, vix, highVixCap));
  else liveFormulas().stream(invocation, (ctx) => vixCapFormula(ctx, vix, highVixCap));
}

/**
 * TRUE when selling this put keeps assignment exposure within the budget (VIX cap x account value).
 * @customfunction CANSELLPUT
 * @param strike The put's strike price, above 0.
 * @param qty The number of contracts, a whole number above 0.
 * @param [accountValue] The account value in dollars. Omit it to use the cell named AccountValue.
 * @param [vix] The VIX level. Omit it to use the cell named VIX.
 * @param [positions] The position table with its header row. Omit it to use the workbook's position table.
 * @param invocation Excel's streaming invocation.
 * @returns TRUE when exposure + strike x 100 x qty is at most the budget, else FALSE.
 */
export function canSellPutFn(
  strike: number,
  qty: number,
  accountValue?: number,
  vix?: number,
  positions?: Array<Array<string | number | boolean>>,
  invocation?: CustomFunctions.StreamingInvocation<boolean>,
): void {
  liveFormulas().stream(invocation, (ctx) => canSellPutFormula(ctx, strike, qty, accountValue, vix, positionsArgument(positions)));
}

/**
 * Headroom in dollars: the budget (VIX cap x account value) minus assignment exposure; negative when over budget.
 * @customfunction HEADROOM
 * @param [accountValue] The account value in dollars. Omit it to use the cell named AccountValue.
 * @param [vix] The VIX level. Omit it to use the cell named VIX.
 * @param [positions] The position table with its header row. Omit it to use the workbook's position table.
 * @param invocation Excel's streaming invocation.
 * @returns Budget minus exposure, in dollars.
 */
export function headroomFn(
  accountValue?: number,
  vix?: number,
  positions?: Array<Array<string | number | boolean>>,
  invocation?: CustomFunctions.StreamingInvocation<number>,
): void {
  liveFormulas().stream(invocation, (ctx) => headroom(ctx, accountValue, vix, positionsArgument(positions)));
}

/**
 * The most contracts at this strike that still fit the budget (0 when none).
 * @customfunction MAXCONTRACTS
 * @param strike The put's strike price, above 0.
 * @param [accountValue] The account value in dollars. Omit it to use the cell named AccountValue.
 * @param [vix] The VIX level. Omit it to use the cell named VIX.
 * @param [positions] The position table with its header row. Omit it to use the workbook's position table.
 * @param invocation Excel's streaming invocation.
 * @returns A whole number of contracts.
 */
export function maxContractsFn(
  strike: number,
  accountValue?: number,
  vix?: number,
  positions?: Array<Array<string | number | boolean>>,
  invocation?: CustomFunctions.StreamingInvocation<number>,
): void {
  liveFormulas().stream(invocation, (ctx) => maxContractsFormula(ctx, strike, accountValue, vix, positionsArgument(positions)));
}

/**
 * Income over the last complete calendar months: net option premium (cash basis) plus income recorded in CashFlows.
 * @customfunction INCOME
 * @param [months] How many complete months before this month, a whole number from 1 to 60. Omit it for 12.
 * @param invocation Excel's streaming invocation.
 * @returns Income in dollars.
 */
export function incomeFn(months?: number, invocation?: CustomFunctions.StreamingInvocation<number>): void {
  liveFormulas().stream(invocation, (ctx) => incomeFormula(ctx, months));
}

/**
 * Income coverage: the average month of the last 12 complete months divided by the cell named IncomeTarget (1 is 100%).
 * @customfunction INCOMECOVERAGE
 * @param invocation Excel's streaming invocation.
 * @returns Coverage as a fraction.
 */
export function incomeCoverageFn(invocation?: CustomFunctions.StreamingInvocation<number>): void {
  liveFormulas().stream(invocation, (ctx) => incomeCoverageFormula(ctx));
}

/**
 * The sustainable monthly withdrawal: CSP_PayoutRatio x the average month, 0 when the last 12 months did not keep the capital.
 * @customfunction WITHDRAWALCEILING
 * @param invocation Excel's streaming invocation.
 * @returns Dollars a month.
 */
export function withdrawalCeilingFn(invocation?: CustomFunctions.StreamingInvocation<number>): void {
  liveFormulas().stream(invocation, (ctx) => withdrawalCeilingFormula(ctx));
}

/**
 * Reserve runway: the cell named Reserve divided by the planned monthly Withdrawal, in months.
 * @customfunction RESERVEMONTHS
 * @param invocation Excel's streaming invocation.
 * @returns Months of withdrawals the reserve holds.
 */
export function reserveMonthsFn(invocation?: CustomFunctions.StreamingInvocation<number>): void {
  liveFormulas().stream(invocation, (ctx) => reserveMonthsFormula(ctx));
}

/**
 * TRUE when this month's withdrawals so far (CashFlows) plus this amount stay within the sustainable monthly withdrawal.
 * @customfunction CANWITHDRAW
 * @param amount The withdrawal you plan, in dollars (0 or more).
 * @param invocation Excel's streaming invocation.
 * @returns TRUE when it is sustainable, else FALSE.
 */
export function canWithdrawFn(amount: number, invocation?: CustomFunctions.StreamingInvocation<boolean>): void {
  liveFormulas().stream(invocation, (ctx) => canWithdrawFormula(ctx, amount));
}
