// JUnit 5.14 attaches the failing test's transcript to that test (ExtensionContext.publishFile): the Open Test
// Reporting XML names the file in the test's attachments, and nothing is attached to the passing test.
import javax.xml.parsers.DocumentBuilderFactory
import org.w3c.dom.Element

File transcripts = new File(basedir, 'target/llmtest/transcripts')
assert transcripts.isDirectory() : "no transcripts directory: ${new File(basedir, 'target/llmtest').list()}"
def pages = transcripts.listFiles().findAll { it.name.endsWith('.html') }
assert pages.size() == 1 : "only the failing test's transcript: ${transcripts.list()}"
String name = pages[0].name
assert name ==~ /MathTest\.offByOne-[0-9a-f]{8}\.html/ : name

File reports = new File(basedir, 'target/open-test-reports')
// open-test-report.xml (JUnit 5.14; junit-platform-events-*.xml before 5.13)
def events = reports.listFiles()?.findAll { it.isFile() && it.name.endsWith('.xml') }
assert events && events.size() == 1 : "the Open Test Reporting XML: ${reports.list()}"
def factory = DocumentBuilderFactory.newInstance()
factory.namespaceAware = true
def doc = factory.newDocumentBuilder().parse(events[0])
def all = doc.getElementsByTagNameNS('*', '*')
def started = [:]
def files = []
(0..<all.length).each { i ->
    Element e = all.item(i)
    if (e.localName == 'started') {
        started[e.getAttribute('id')] = e.getAttribute('name')
    }
    if (e.localName == 'file') {
        def owner = e.parentNode
        while (owner instanceof Element && !owner.hasAttribute('id')) {
            owner = owner.parentNode
        }
        files << [path: e.getAttribute('path'), type: e.getAttribute('mediaType'),
                  test: owner instanceof Element ? started[owner.getAttribute('id')] : null]
    }
}
assert files.size() == 1 : "one attachment, the failing test's transcript: ${files} in ${events[0].text}"
assert files[0].test?.startsWith('offByOne') : files
assert files[0].path.endsWith(name) : files
assert files[0].type.startsWith('text/html') : files
File attached = new File(reports, files[0].path)
assert attached.isFile() : "the published copy: ${attached}"
assert attached.getText('UTF-8') == pages[0].getText('UTF-8')
