// Under Boot's dependency management the live call streams, and Surefire counts it.
File xml = new File(basedir, 'target/surefire-reports/TEST-com.example.LiveCallTest.xml')
assert xml.isFile()
String report = xml.text
def suite = (report =~ /<testsuite [^>]*>/)[0]
assert suite =~ /tests="1" errors="0" skipped="0" failures="0"/ : suite
assert report.contains('<testcase name="fibonacci(Llm)" classname="com.example.LiveCallTest"')
assert report.contains('"mode":"live"') : 'LLMTEST_MODE reached the tests'
assert report.contains('"replayed":false')
String log = new File(basedir, 'build.log').text
assert !log.contains('Tests run: 0')
return true
