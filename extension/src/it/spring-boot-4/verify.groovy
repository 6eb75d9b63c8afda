// JUnit 6 under Boot 4: two runs of one compared method, counted and named the same on every JUnit version.
File xml = new File(basedir, 'target/surefire-reports/TEST-com.example.SeedTest.xml')
assert xml.isFile()
String report = xml.text
def suite = (report =~ /<testsuite [^>]*>/)[0]
assert suite =~ /tests="2" errors="0" skipped="0" failures="0"/ : suite
assert report.contains('<testcase name="compoundInterest(Llm)[1]" classname="com.example.SeedTest"')
assert report.contains('<testcase name="compoundInterest(Llm)[2]" classname="com.example.SeedTest"')
// the run report (the XML has call lines only for failing tests, llmtest.output=failures)
def calls = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/llmtest/report.json')).tests*.calls.flatten()
assert calls*.mode == ['replay', 'replay'] : "junit-platform.properties set the mode: ${calls}"
String log = new File(basedir, 'build.log').text
assert !log.contains('Tests run: 0')
assert log.count('Running com.example.SeedTest') == 1
return true
