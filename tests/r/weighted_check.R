# Design-weighted means with R's survey package, for comparison with `pingyi score
# --weighted`. Input CSV columns: unit, stratum, N (stratum population), w (weight),
# q1, q2. Output, per unit: unit, mean q1, mean q2, var q1, var q2, cov q1 q2.
suppressMessages(library(survey))
options(survey.lonely.psu = "adjust")
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], stringsAsFactors = FALSE, fileEncoding = "UTF-8")
for (u in sort(unique(d$unit))) {
  du <- d[d$unit == u, ]
  des <- svydesign(ids = ~1, strata = ~stratum, fpc = ~N, weights = ~w, data = du)
  m <- svymean(~q1 + q2, des)
  v <- vcov(m)
  cat(sprintf("%s,%.17g,%.17g,%.17g,%.17g,%.17g\n", u, coef(m)[1], coef(m)[2], v[1, 1], v[2, 2], v[1, 2]))
}
