// Budget verdicts for `npm run bench`. Every benchmark, in run.mjs or in its own module, prints its
// verdict on its line as "(budget …: ok)" or "(budget …: OVER | UNDER | GROWING)". The misses are
// collected from the printed lines, so a verdict added anywhere is counted without a second list.
const MISS = /\(budget[^)]*: (OVER|UNDER|GROWING)\)/;

/** Wraps `console.log` to note every missed budget; `summary` prints them and gives the exit code. */
export function watchVerdicts(target = console) {
  const missed = [];
  const print = target.log.bind(target);
  target.log = (...args) => {
    for (const line of args.map(String).join(' ').split('\n')) if (MISS.test(line)) missed.push(line.trim());
    print(...args);
  };
  return {
    missed,
    /** Prints the summary; returns 1 when strict and a budget was missed, else 0. */
    summary(strict) {
      print('');
      if (missed.length === 0) {
        print('budgets: every row within budget');
        return 0;
      }
      print(`budgets: ${missed.length} row(s) OVER budget:`);
      for (const line of missed) print(`  ✗ ${line}`);
      print(strict ? 'bench --strict: failing because of the rows above' : '(run with --strict to exit non-zero when a budget is missed)');
      return strict ? 1 : 0;
    },
  };
}
