// The figures of a known split in report.json (12 discordant cases split 10 to 2: the exact McNemar p-value is
// 2 · (1 + 12 + 66) / 2^12 = 0.0386), and a significant regression since the baseline failing the cases that
// regressed, as Surefire shows them.
import javax.xml.parsers.DocumentBuilderFactory

def close = { double a, double b -> Math.abs(a - b) < 1e-4 }
def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/llmtest/report.json'))

def pair = report.comparisons.find { it.scope == 'all' }
assert pair != null : "no comparison in report.json: ${report.keySet()}"
assert pair.first == 'phi4' && pair.second == 'llama3.2'
assert pair.cases == 16 && pair.both == 3 && pair.only_first == 10 && pair.only_second == 2 && pair.neither == 1
assert close(pair.first_accuracy, 13 / 16d) && close(pair.second_accuracy, 5 / 16d)
assert close(pair.difference, 0.5)
assert close(pair.p, 0.0386) : "p = ${pair.p}"
assert pair.significant == true
// Newcombe's method 10 for 3 / 10 / 2 / 1, computed independently in Python from the paper's formulas
assert close(pair.interval_low, 0.0982) && close(pair.interval_high, 0.7434) : "${pair.interval_low} to ${pair.interval_high}"
assert pair.only_second_cases == ['c14', 'c15']

def since = report.since_baseline
def llama = since.datasets.find { it.model == 'llama3.2' }
assert llama.regressed == (4..13).collect { String.format('c%02d', it) } + ['c16']
assert llama.improved == [] && llama.removed == 1 && llama.added == 0 && llama.cases == 16
assert close(llama.p, 2 / 2048d) && llama.significant_regression == true
def phi = since.datasets.find { it.model == 'phi4' }
assert phi.regressed == [] && close(phi.p, 1) && phi.significant_regression == false

File xml = new File(basedir, 'target/surefire-reports/TEST-com.example.ComparisonTest.xml')
def suite = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml).documentElement
assert suite.getAttribute('tests') == '32'
assert suite.getAttribute('failures') == '11' : "failures=${suite.getAttribute('failures')}"
assert suite.getAttribute('skipped') == '3' : "skipped=${suite.getAttribute('skipped')}"
def failures = suite.getElementsByTagName('failure')
def first = failures.item(0).getAttribute('message')
assert first.contains('@LlmDataset /datasets/sums.jsonl on llama3.2 regressed since the baseline') : first
assert first.contains('11 case(s) passed there and fail now (c04, c05') : first
assert first.contains('exact McNemar p = 0.0010 < llmtest.baseline.alpha = 0.05') : first

String log = new File(basedir, 'build.log').text
assert log.contains('[llmtest] ComparisonTest#solves on /datasets/sums.jsonl: phi4 81.3% vs llama3.2 31.3%') : 'the console names the significant pair'
assert new File(basedir, 'target/llmtest/report.md').text.contains('### Since the baseline')
return true
