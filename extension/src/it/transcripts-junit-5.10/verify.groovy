// JUnit 5.10 cannot attach files to a test: the failing test's transcript is written, linked from the run report,
// and (llmtest.attachments=jenkins) announced on that test's output, where Jenkins, GitLab and Azure DevOps read it.
import groovy.json.JsonSlurper
import javax.xml.parsers.DocumentBuilderFactory

File transcripts = new File(basedir, 'target/llmtest/transcripts')
assert transcripts.isDirectory() : "no transcripts directory: ${new File(basedir, 'target/llmtest').list()}"
def pages = transcripts.listFiles().findAll { it.name.endsWith('.html') }
assert pages.size() == 1 : "only the failing test's transcript: ${transcripts.list()}"
File page = pages[0]
assert page.name ==~ /MathTest\.offByOne-[0-9a-f]{8}\.html/ : page.name
assert new File(transcripts, page.name.replace('.html', '.json')).isFile()
assert page.length() <= 200_000
String html = page.getText('UTF-8')
assert html.contains('Why it failed') && html.contains('expected: &quot;6764&quot;') : html
assert html.contains('Find the 20th value of the sequence') && html.contains('The 20th value is \\boxed{6765}.')
assert html.contains('recorded figures') && !html.contains('<script')

def doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new File(basedir, 'target/surefire-reports/TEST-com.example.MathTest.xml'))
def cases = doc.getElementsByTagName('testcase')
def output = [:]
(0..<cases.length).each { i ->
    def c = cases.item(i)
    def out = c.getElementsByTagName('system-out')
    output[c.getAttribute('name').replaceAll(/\(.*/, '')] = out.length == 0 ? '' : out.item(0).textContent
}
def line = (output['offByOne'] =~ /\[\[ATTACHMENT\|([^\]]+)\]\]/)
assert line.find() : "no attachment line in offByOne's <system-out>: ${output['offByOne']}"
assert new File(line.group(1)).isAbsolute()
assert new File(line.group(1)).canonicalPath == page.canonicalPath
assert !output['fibonacci'].contains('[[ATTACHMENT|') : "a passing test announces nothing: ${output['fibonacci']}"

def report = new JsonSlurper().parse(new File(basedir, 'target/llmtest/report.json'))
def failing = report.tests.find { it.id.contains('offByOne') }
assert failing.transcript == "transcripts/${page.name}".toString() : failing.transcript
assert report.tests.find { it.id.contains('fibonacci') }.transcript == null
assert new File(basedir, 'target/llmtest/report.html').getText('UTF-8').contains("href=\"transcripts/${page.name}\"")
