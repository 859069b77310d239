"""Record capture at the workstation (issue 18): interview audio through PortAudio
(sounddevice) and the camera (opencv), written as it records into the store's capture area
and then stored exactly as offloaded footage is (capture.storing). No Qt here."""
