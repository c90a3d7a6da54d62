Page({
  data: { photo: null },

  // Album: the system picker; the app receives only the photo the user picks.
  chooseReceipt() {
    wx.chooseImage({
      count: 1,
      sizeType: ['compressed'],
      sourceType: ['album', 'camera'],
      success: (res) => {
        this.setData({ photo: res.tempFilePaths[0] });
      }
    });
  }
});
