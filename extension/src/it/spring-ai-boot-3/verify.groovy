// The Spring AI application's call was replayed through LlmServer, and Surefire counts the test.
File xml = new File(basedir, 'target/surefire-reports/TEST-com.example.TutorServiceTest.xml')
assert xml.isFile()
String report = xml.text
def suite = (report =~ /<testsuite [^>]*>/)[0]
assert suite =~ /tests="1" errors="0" skipped="0" failures="0"/ : suite
assert report.contains('<testcase name="solvesFibonacci(LlmServer)" classname="com.example.TutorServiceTest"')
// the run report (the XML has call lines only for failing tests, llmtest.output=failures)
def calls = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/llmtest/report.json')).tests*.calls.flatten()
assert calls*.mode == ['replay'] : "calls: ${calls}"
assert calls*.replayed == [true]
assert calls*.prompt == ['Find the 20th value of the sequence: 1, 1, 2, 3, 5, 8, ...']
assert !report.contains('[llmtest.call]') : 'a passing test prints no call lines' 
return true
