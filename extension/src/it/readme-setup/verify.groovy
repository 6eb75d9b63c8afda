// What a CI dashboard reads: Surefire's per-class XML and text report, and the console.
import javax.xml.parsers.DocumentBuilderFactory

File reports = new File(basedir, 'target/surefire-reports')
File xml = new File(reports, 'TEST-com.example.MathTest.xml')
assert xml.isFile() : "no Surefire XML report: ${reports.list()}"
def doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml)
def suite = doc.documentElement
assert suite.getAttribute('name') == 'com.example.MathTest'
assert suite.getAttribute('tests') == '4' : "tests=${suite.getAttribute('tests')}"
assert suite.getAttribute('failures') == '1' : "failures=${suite.getAttribute('failures')}"
assert suite.getAttribute('errors') == '0' : "errors=${suite.getAttribute('errors')}"
assert suite.getAttribute('skipped') == '0' : "skipped=${suite.getAttribute('skipped')}"

def cases = doc.getElementsByTagName('testcase')
def names = (0..<cases.length).collect { cases.item(it).getAttribute('name') } as Set
def classnames = (0..<cases.length).collect { cases.item(it).getAttribute('classname') } as Set
assert classnames == ['com.example.MathTest'] as Set : "classnames: ${classnames}"
assert names == ['fibonacci(Llm)', 'offByOne(Llm)', 'compared(Llm)[phi4]', 'compared(Llm)[llama3.2]'] as Set : "names: ${names}"
// by default (llmtest.output=failures) the failing test's calls are printed, within that test's <system-out>
def out = (0..<cases.length).collectEntries { i ->
    def c = cases.item(i)
    def sysout = c.getElementsByTagName('system-out')
    [(c.getAttribute('name')): sysout.length == 0 ? '' : sysout.item(0).textContent]
}
assert out['offByOne(Llm)'].contains('[llmtest.call] {"test":"com.example.MathTest#offByOne"') : "offByOne: ${out}"
assert ['fibonacci(Llm)', 'compared(Llm)[phi4]', 'compared(Llm)[llama3.2]'].every { !out[it].contains('[llmtest.call]') } : "passing tests print no call lines: ${out}"

String summary = new File(reports, 'com.example.MathTest.txt').text
assert summary.contains('Tests run: 4, Failures: 1, Errors: 0, Skipped: 0') : summary

String log = new File(basedir, 'build.log').text
assert log.count('Running com.example.MathTest') == 1 : 'the class is announced once'
assert !log.contains('Tests run: 0') : 'no empty per-class result'
assert log.contains('mode":"replay"') : 'the mode given with -D reached the tests'
assert new File(basedir, 'target/llmtest/report.html').isFile()
return true
