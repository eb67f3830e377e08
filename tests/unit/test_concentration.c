/*
 * assoc_concentration_compute() (formulas.md 1.2): the verified vectors,
 * clamping, K with zeros, and the not-computable cases.
 */
#include <string.h>
#include "harness.h"

/* formulas.md: shares (0.3, 0.7): H = 0.58, H* (K = 2) = 0.16. */
static void test_two_shares(void)
{
	const double a[] = { 0.3, 0.7 };
	assoc_concentration c;
	ASSERT_OK(assoc_concentration_compute(&c, a, 2, 2));
	ASSERT_NEAR(c.total, 1.0, 1e-15);
	ASSERT_NEAR(c.hhi, 0.58, 1e-15);
	ASSERT_NEAR(c.hhi_normalised, 0.16, 1e-15);
	/* 1 / 0.58 */
	ASSERT_NEAR(c.equivalent_number, 1.0 / 0.58, 1e-15);
	/* -(0.3 ln 0.3 + 0.7 ln 0.7) = 0.3612 + 0.2497 */
	ASSERT_NEAR(c.entropy, 0.6108643020548935, 1e-15);
	/* in bits: 0.8813 (entropy / ln 2) */
	ASSERT_NEAR(c.evenness, 0.8812908992306927, 1e-15);
	ASSERT_NEAR(c.max_share, 0.7, 1e-15);
	CU_ASSERT_EQUAL(c.max_index, 1);
	CU_ASSERT_EQUAL(c.clamped, 0);
}

/* formulas.md: four equal shares: H = 0.25, H* = 0; entropy ln 4, evenness 1. */
static void test_four_equal(void)
{
	const double a[] = { 10, 10, 10, 10 };
	assoc_concentration c;
	ASSERT_OK(assoc_concentration_compute(&c, a, 4, 4));
	ASSERT_NEAR(c.hhi, 0.25, 1e-15);
	ASSERT_NEAR(c.hhi_normalised, 0.0, 1e-15);
	CU_ASSERT(c.hhi_normalised >= 0.0); /* never -1e-17 from rounding */
	ASSERT_NEAR(c.equivalent_number, 4.0, 1e-12);
	ASSERT_NEAR(c.entropy, log(4.0), 1e-15);
	ASSERT_NEAR(c.evenness, 1.0, 1e-15);
	CU_ASSERT(c.evenness <= 1.0);
	/* ties: the first largest */
	CU_ASSERT_EQUAL(c.max_index, 0);
}

/* scipy.stats.entropy([1/2, 1/2], base=2) == 1.0: in nats, ln 2. */
static void test_scipy_entropy(void)
{
	const double a[] = { 1, 1 };
	assoc_concentration c;
	ASSERT_OK(assoc_concentration_compute(&c, a, 2, 2));
	ASSERT_NEAR(c.entropy / log(2.0), 1.0, 1e-15);
}

/* (30, 70, -10) with K = 6: -10 clamped, S = 100, H = 0.58,
 * H* = (0.58 - 1/6) / (5/6) = 0.496, evenness = 0.61086 / ln 6 = 0.34093. */
static void test_clamp_and_zeros(void)
{
	const double a[] = { 30, 70, -10 };
	assoc_concentration c;
	ASSERT_OK(assoc_concentration_compute(&c, a, 3, 6));
	ASSERT_NEAR(c.total, 100.0, 1e-12);
	ASSERT_NEAR(c.hhi, 0.58, 1e-15);
	ASSERT_NEAR(c.hhi_normalised, 0.496, 1e-15);
	ASSERT_NEAR(c.evenness, 0.340929858357647, 1e-15);
	CU_ASSERT_EQUAL(c.clamped, 1);
	CU_ASSERT_EQUAL(c.max_index, 1);
}

/* K = 1: H = 1, entropy 0, H* and evenness divide by zero: absent. */
static void test_single_group(void)
{
	const double a[] = { 42 };
	assoc_concentration c;
	ASSERT_OK(assoc_concentration_compute(&c, a, 1, 1));
	ASSERT_NEAR(c.hhi, 1.0, 0);
	ASSERT_NEAR(c.entropy, 0.0, 0);
	CU_ASSERT(isnan(c.hhi_normalised));
	CU_ASSERT(isnan(c.evenness));
	/* one positive amount among K = 3 groups: H* = (1 - 1/3)/(2/3) = 1 */
	{
		const double b[] = { 0, 42, 0 };
		ASSERT_OK(assoc_concentration_compute(&c, b, 3, 3));
		ASSERT_NEAR(c.hhi_normalised, 1.0, 1e-15);
		ASSERT_NEAR(c.evenness, 0.0, 0);
		CU_ASSERT_EQUAL(c.max_index, 1);
	}
}

static void test_errors(void)
{
	const double zero[] = { 0, -3 }, bad[] = { 1, NAN }, inf[] = { INFINITY, 1 }, ok[] = { 1, 2 };
	assoc_concentration c;
	/* S = 0: no shares, not 0 */
	ASSERT_CODE(assoc_concentration_compute(&c, zero, 2, 2), ASSOC_EVALUE);
	CU_ASSERT(isnan(c.hhi));
	CU_ASSERT_PTR_NOT_NULL(strstr(assoc_error_last()->message, "sum to 0"));
	ASSERT_CODE(assoc_concentration_compute(&c, bad, 2, 2), ASSOC_EVALUE);
	CU_ASSERT_PTR_NOT_NULL(strstr(assoc_error_last()->message, "amount 1"));
	ASSERT_CODE(assoc_concentration_compute(&c, inf, 2, 2), ASSOC_EVALUE);
	/* K smaller than the number of amounts */
	ASSERT_CODE(assoc_concentration_compute(&c, ok, 2, 1), ASSOC_EINVAL);
	ASSERT_CODE(assoc_concentration_compute(NULL, ok, 2, 2), ASSOC_EINVAL);
	ASSERT_CODE(assoc_concentration_compute(&c, NULL, 2, 2), ASSOC_EINVAL);
	/* no amounts at all: S = 0 */
	ASSERT_CODE(assoc_concentration_compute(&c, NULL, 0, 0), ASSOC_EVALUE);
}

int main(void)
{
	CU_TestInfo tests[] = {
		{ "shares 0.3 / 0.7 (verified vector)", test_two_shares },
		{ "four equal shares (verified vector)", test_four_equal },
		{ "entropy of [1/2, 1/2] (scipy)", test_scipy_entropy },
		{ "negative amounts clamped, zeros in K", test_clamp_and_zeros },
		{ "a single group", test_single_group },
		{ "errors", test_errors },
		CU_TEST_INFO_NULL,
	};
	return assoc_test_run("concentration", tests);
}
