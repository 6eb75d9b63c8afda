// What a CI dashboard reads of two datasets: one testcase per case, a tolerated failure as skipped with its own
// message and the gate's verdict, and, below the gate, the failing case as a failure.
import javax.xml.parsers.DocumentBuilderFactory

File reports = new File(basedir, 'target/surefire-reports')

def read = { String testClass ->
    File xml = new File(reports, "TEST-com.example.${testClass}.xml")
    assert xml.isFile() : "no Surefire XML report for ${testClass}: ${reports.list()}"
    def doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml)
    def cases = doc.getElementsByTagName('testcase')
    def byName = [:]
    (0..<cases.length).each { i ->
        def c = cases.item(i)
        def outcome = ['failure', 'error', 'skipped'].find { c.getElementsByTagName(it).length > 0 } ?: 'passed'
        def detail = outcome == 'passed' ? '' : c.getElementsByTagName(outcome).item(0)
        byName[c.getAttribute('name')] = [outcome: outcome,
                text: detail == '' ? '' : (detail.getAttribute('message') + '\n' + detail.textContent)]
    }
    [suite: doc.documentElement, cases: byName]
}

// JSON Lines: 5 cases, q4 wrong, 80% >= 80%: q4 is skipped, with its message and the verdict
def jsonl = read('JsonlDatasetTest')
assert jsonl.cases.keySet() == (1..5).collect { "solves(LlmCase, Llm)[q${it}]".toString() } as Set : "names: ${jsonl.cases.keySet()}"
assert jsonl.suite.getAttribute('tests') == '5'
assert jsonl.suite.getAttribute('skipped') == '1' : "skipped=${jsonl.suite.getAttribute('skipped')}"
assert jsonl.suite.getAttribute('failures') == '0' && jsonl.suite.getAttribute('errors') == '0'
def q4 = jsonl.cases['solves(LlmCase, Llm)[q4]']
assert q4.outcome == 'skipped'
assert q4.text.contains('failed; tolerated: 4 of 5 passed, 80% ≥ 80% (95% interval') : q4.text
assert q4.text.contains('"106"') : "the case's own message: ${q4.text}"
assert (jsonl.cases.findAll { it.value.outcome == 'passed' }.keySet()*.replaceAll(/.*\[|\]/, '')) as Set == ['q1', 'q2', 'q3', 'q5'] as Set

// CSV: 4 rows named by their number, row 3 wrong, 75% < 90%: row 3 fails with the gate's verdict
def csv = read('CsvDatasetTest')
assert csv.cases.keySet() == (1..4).collect { "areas(LlmCase, Llm)[${it}]".toString() } as Set : "names: ${csv.cases.keySet()}"
assert csv.suite.getAttribute('tests') == '4'
assert csv.suite.getAttribute('failures') == '1' : "failures=${csv.suite.getAttribute('failures')}"
assert csv.suite.getAttribute('skipped') == '0' && csv.suite.getAttribute('errors') == '0'
def row3 = csv.cases['areas(LlmCase, Llm)[3]']
assert row3.outcome == 'failure'
assert row3.text.contains('"24"') : "the case's own message: ${row3.text}"
assert row3.text.contains('@LlmDataset areas.csv: gate failed: 3 of 4 passed, 75% < 90% (95% interval') : row3.text
assert row3.text.contains('failing cases (1):') : row3.text

String log = new File(basedir, 'build.log').text
assert log.contains('Tests run: 9, Failures: 1, Errors: 0, Skipped: 1') : 'the build summary counts every case'

def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/llmtest/report.json'))
assert report.datasets*.dataset as Set == ['/datasets/sums.jsonl', '/datasets/areas.csv'] as Set
assert report.tests.count { it.dataset != null } == 9 : 'every case keeps its verdict in report.json'
assert new File(basedir, 'target/llmtest/report.md').text.contains('### Datasets')
return true
