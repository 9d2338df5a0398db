# The core of `smma analyze`, written plainly in R: read.csv, psych::alpha,
# item-total correlations (cor.test), lm, nortest::lillie.test on the
# residuals and low / medium / high counts of every construct score.
# Constructs come from the item names (X1.1 = construct X). Prints a short
# text summary.
#
# Usage: Rscript peer_r.R RESPONSES.csv

suppressPackageStartupMessages({
  library(psych)
  library(nortest)
})

args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 1) stop("usage: Rscript peer_r.R RESPONSES.csv")

d <- read.csv(args[1], check.names = FALSE)
is_item <- grepl("^[A-Za-z]+[0-9]+[._][0-9]+$", names(d))
codes <- sub("^([A-Za-z]+).*$", "\\1", names(d)[is_item])
items <- na.omit(d[, is_item])
constructs <- split(names(items), factor(codes, levels = unique(codes)))
n <- nrow(items)
df <- n - 2
t_crit <- qt(0.975, df)
r_table <- t_crit / sqrt(df + t_crit^2)

scores <- list()
for (code in names(constructs)) {
  block <- items[, constructs[[code]]]
  total <- rowSums(block)
  scores[[code]] <- total
  a <- psych::alpha(block, check.keys = FALSE, warnings = FALSE)
  cat(sprintf("%s: alpha = %.3f (%d items, n = %d)\n", code,
              a$total$raw_alpha, ncol(block), n))
  for (item in names(block)) {
    ct <- cor.test(block[[item]], total)
    cat(sprintf("  %-6s r = %.3f  p = %.4g  r table = %.3f  %s\n", item, ct$estimate,
                ct$p.value, r_table, if (ct$estimate > r_table) "valid" else "invalid"))
  }
  lo <- ncol(block); hi <- 5 * ncol(block)
  cats <- cut(total, c(lo, lo + (hi - lo) / 3, lo + 2 * (hi - lo) / 3, hi),
              labels = c("low", "medium", "high"), include.lowest = TRUE)
  print(table(cats))
}

s <- as.data.frame(scores)
dep <- names(s)[ncol(s)]
fit <- lm(as.formula(paste(dep, "~", paste(names(s)[-ncol(s)], collapse = " + "))), data = s)
print(summary(fit))
print(nortest::lillie.test(residuals(fit)))
