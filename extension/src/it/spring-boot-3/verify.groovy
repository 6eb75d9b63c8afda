// Under Boot's dependency management the live call streams, and Surefire counts it.
File xml = new File(basedir, 'target/surefire-reports/TEST-com.example.LiveCallTest.xml')
assert xml.isFile()
String report = xml.text
def suite = (report =~ /<testsuite [^>]*>/)[0]
assert suite =~ /tests="1" errors="0" skipped="0" failures="0"/ : suite
assert report.contains('<testcase name="fibonacci(Llm)" classname="com.example.LiveCallTest"')
// the run report (the XML has call lines only for failing tests, llmtest.output=failures)
def calls = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/llmtest/report.json')).tests*.calls.flatten()
assert calls*.mode == ['live'] : "LLMTEST_MODE reached the tests: ${calls}"
assert calls*.replayed == [false]
String log = new File(basedir, 'build.log').text
assert !log.contains('Tests run: 0')
return true
