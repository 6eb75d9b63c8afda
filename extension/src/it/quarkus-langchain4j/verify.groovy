// A Quarkus application booted by a plain @QuarkusTest class before the @QuarkusTest @LlmTest class: its AI
// service's call went through LlmServer, recorded from the stand-in, then replayed with the stand-in stopped.
String log = new File(basedir, 'build.log').text
assert log.indexOf('Running com.example.GreeterTest') >= 0
assert log.indexOf('Running com.example.GreeterTest') < log.indexOf('Running com.example.TutorTest') : 'the plain class runs first'
for (run in ['record', 'replay']) {
    for (name in ['GreeterTest', 'TutorTest']) {
        File xml = new File(basedir, "target/surefire-${run}/TEST-com.example.${name}.xml")
        assert xml.isFile() : xml
        def suite = (xml.text =~ /<testsuite [^>]*>/)[0]
        assert suite =~ /tests="1" errors="0" skipped="0" failures="0"/ : "${run}: ${suite}"
    }
    assert new File(basedir, "target/surefire-${run}/TEST-com.example.TutorTest.xml").text
            .contains('<testcase name="solvesFibonacci(LlmServer)" classname="com.example.TutorTest"')
}
File fixture = new File(basedir, 'target/llm-fixtures/com.example.TutorTest/solvesFibonacci.json')
assert fixture.isFile() : 'the recording run wrote the fixture'
def interactions = new groovy.json.JsonSlurper().parse(fixture).interactions
assert interactions*.request*.endpoint == ['/api/chat']
assert interactions[0].request.messages*.role == ['system', 'user']
def calls = { run -> new groovy.json.JsonSlurper().parse(new File(basedir, "target/llmtest-${run}/report.json")).tests*.calls.flatten() }
assert calls('record')*.mode == ['record'] : calls('record')
assert calls('record')*.replayed == [false]
assert calls('replay')*.mode == ['replay'] : calls('replay')
assert calls('replay')*.replayed == [true]
assert calls('replay')*.prompt == ['Find the 20th value of the sequence: 1, 1, 2, 3, 5, 8, ...']
return true
