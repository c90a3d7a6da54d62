// Corner Shop: a sample mini-program for NeedToKnow. It uses three privacy APIs, each declared in ../privacy.json.
App({
  globalData: {
    phoneCode: null
  }
});
